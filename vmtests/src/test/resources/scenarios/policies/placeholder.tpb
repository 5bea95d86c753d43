not a real bundle: the scenario parser only checks that a .tpb file is there
