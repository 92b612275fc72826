"""The 会议记录 page: meeting list, live entry, finalize."""
