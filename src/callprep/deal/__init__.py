"""The deal: its calls as one story, what is open and unknown, and what earlier calls carry
forward into the next plan and its brief."""
