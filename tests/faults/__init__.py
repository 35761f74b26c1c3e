"""Faults and hostile input: kills, full disks, damage, upgrades, fuzzing, known answers."""
