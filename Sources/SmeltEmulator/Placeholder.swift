import SmeltIR
