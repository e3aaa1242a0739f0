"""Vietnamese language rules: numbers, dates, money in words, numbering, file names."""
