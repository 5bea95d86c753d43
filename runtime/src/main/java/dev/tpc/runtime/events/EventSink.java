package dev.tpc.runtime.events;

/** Receives decoded events on the polling thread. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);
}
