"""Rules, ranking, awards and the period pipeline that turns a campaign and its data into results."""
