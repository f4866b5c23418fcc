package org.secondopinion.cases.opinion;

public enum Verdict {
    CONCUR, CONCUR_WITH_MODIFICATIONS, RECOMMEND_ALTERNATIVE, INSUFFICIENT_INFORMATION
}
