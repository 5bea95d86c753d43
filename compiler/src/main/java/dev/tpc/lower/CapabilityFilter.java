package dev.tpc.lower;

/**
 * One matchCapabilities or matchCapabilityChanges entry. {@code namespaceCapability} makes the
 * filter compare the task's user namespace with the host's (a {@link NodeFact.HostUserNamespaceInode}).
 */
public record CapabilityFilter(CapabilitySet set, Operator op, boolean namespaceCapability, long mask) {}
