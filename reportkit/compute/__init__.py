"""Pure computations: periods, number formatting, derived values, counts. No I/O, no formats."""
