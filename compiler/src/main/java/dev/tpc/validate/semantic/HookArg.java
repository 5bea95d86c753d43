package dev.tpc.validate.semantic;

import dev.tpc.yaml.MappingNode;

/**
 * One entry of a hook's {@code args}, {@code data} or {@code returnArg}.
 *
 * @param node     the entry
 * @param position its position in its list
 * @param index    its {@code index} field
 * @param type     its type, {@code auto} when absent (the CRD default)
 */
record HookArg(MappingNode node, int position, long index, String type) {
    static HookArg of(MappingNode node, int position) {
        String type = Tree.text(node, "type");
        return new HookArg(node, position, Tree.integer(node, "index", 0), type.isEmpty() ? "auto" : type);
    }
}
