package org.secondopinion.bench;

import java.util.ArrayList;
import java.util.List;

/** Command-line options shared by the benchmarks; each benchmark documents which it reads. */
record Options(String benchmark, boolean attach, int clients, int seconds, int warmupSeconds, int warmupMaxSeconds,
               double rate, int specialists, List<Double> rates, int cases, boolean statements) {

    static Options parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("which benchmark? intake | event-path | pipeline | footprint");
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        boolean attach = rest.remove("--attach");
        boolean statements = rest.remove("--statements");
        Options defaults = defaults(args[0]);
        int clients = intOption(rest, "--clients", defaults.clients());
        int seconds = intOption(rest, "--seconds", defaults.seconds());
        int warmup = intOption(rest, "--warmup", defaults.warmupSeconds());
        int warmupMax = Math.max(warmup, intOption(rest, "--warmup-max", defaults.warmupMaxSeconds()));
        double rate = Double.parseDouble(option(rest, "--rate", Double.toString(defaults.rate())));
        int specialists = intOption(rest, "--specialists", defaults.specialists());
        List<Double> rates = defaults.rates();
        String ratesOption = option(rest, "--rates", null);
        if (ratesOption != null) {
            rates = List.of(ratesOption.split(",")).stream().map(Double::parseDouble).toList();
        }
        int cases = intOption(rest, "--cases", defaults.cases());
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + rest);
        }
        return new Options(args[0], attach, clients, seconds, warmup, warmupMax, rate, specialists, rates, cases,
                statements);
    }

    /** The conditions: 16 intake clients, 50 cases/s for 2 minutes, 300 demo specialists. */
    static Options defaults(String benchmark) {
        return switch (benchmark) {
            case "intake" -> new Options(benchmark, false, 16, 15, 60, 1800, 50, 300, List.of(), 0, false);
            case "event-path" -> new Options(benchmark, false, 0, 120, 60, 1800, 50, 300, List.of(), 0, false);
            case "pipeline" -> new Options(benchmark, false, 0, 120, 20, 20, 0, 300,
                    List.of(50.0, 100.0, 150.0, 200.0, 300.0, 400.0), 0, false);
            case "footprint" -> new Options(benchmark, false, 0, 0, 0, 0, 0, 300, List.of(), 0, false);
            case "recovery" -> new Options(benchmark, false, 0, 0, 0, 0, 0, 300, List.of(), 0, false);
            // issue 17: the outcome insights "fast at 1 million cases"
            case "insights" -> new Options(benchmark, false, 0, 0, 0, 0, 0, 300, List.of(), 1_000_000, false);
            default -> throw new IllegalArgumentException("no benchmark named " + benchmark
                    + "; choose intake | event-path | pipeline | footprint | recovery | insights");
        };
    }

    private static int intOption(List<String> args, String name, int fallback) {
        return Integer.parseInt(option(args, name, Integer.toString(fallback)));
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return value;
    }
}
