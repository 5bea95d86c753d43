package dev.tpc.report;

import java.util.Comparator;

/** Orders target names as versions where they are versions ("5.10" before "6.1" before "6.12"). */
enum TargetOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (x[i].matches("\\d+") && y[i].matches("\\d+")) {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
