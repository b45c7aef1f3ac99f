"""Regression-testing extraction: score an output folder against gold files, compare two output folders."""
