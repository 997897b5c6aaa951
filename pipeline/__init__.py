"""wirefeed: news-wire feeds to normalized, deduplicated Parquet on Apache Beam."""
