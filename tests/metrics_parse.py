"""Parse what flagwatch's /metrics served (standard input) with the Prometheus project's
own OpenMetrics parser, and print its samples as JSON: {"name{label=value,...}": value}.
A text the parser refuses fails here, with its error."""

import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families

samples = {}
for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
        samples[f"{sample.name}{{{labels}}}"] = sample.value
json.dump(samples, sys.stdout)
