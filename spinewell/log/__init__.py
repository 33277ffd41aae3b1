"""The pain and exercise diary: its entries, reading any file into a clean frame, and storing it safely."""
