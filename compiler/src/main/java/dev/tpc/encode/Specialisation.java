package dev.tpc.encode;

import java.util.SortedSet;

/**
 * What a hook's selectors use, so that the runtime can set its template's .rodata switches and
 * let the verifier drop the rest.
 *
 * @param sections  filter kinds in use: {@code pids}, {@code namespaces}, {@code capabilities},
 *                  {@code namespace_changes}, {@code capability_changes}, {@code binaries},
 *                  {@code parent_binaries}, {@code args}, {@code return_args}, {@code workloads}
 * @param operators operator IDs used by argument filters (entry and return)
 * @param argTypes  argument type IDs that argument filters compare
 * @param actions   action IDs used (entry and return)
 * @param maps      outer maps with at least one inner map (plain maps by name)
 */
public record Specialisation(SortedSet<String> sections, SortedSet<Integer> operators, SortedSet<Integer> argTypes,
                             SortedSet<Integer> actions, SortedSet<String> maps) {
    public Specialisation {
        sections = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(sections));
        operators = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(operators));
        argTypes = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(argTypes));
        actions = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(actions));
        maps = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(maps));
    }
}
