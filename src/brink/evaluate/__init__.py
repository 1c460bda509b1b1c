"""Scoring brink against gold annotations, with the metrics of the reference scorers."""
