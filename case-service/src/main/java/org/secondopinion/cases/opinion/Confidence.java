package org.secondopinion.cases.opinion;

public enum Confidence {
    LOW, MODERATE, HIGH
}
