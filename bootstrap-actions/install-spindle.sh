#!/usr/bin/env bash
# EMR bootstrap action: installs Spindle on every node.
#   --bootstrap-actions Path=s3://BUCKET/spindle/install-spindle.sh,Args=[s3://BUCKET/spindle]
# The argument is where spindle-client-<version>.jar and spindle-shuffle-aux-service-<version>-nm.jar were
# uploaded. The NodeManager settings come from emr-configurations.json (the yarn-site classification),
# given at cluster creation, so no yarn-site.xml is edited here.
set -euo pipefail

source_dir="${1:?usage: install-spindle.sh s3://bucket/prefix-holding-the-spindle-jars}"
target=/usr/lib/spindle

sudo mkdir -p "$target"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aws s3 cp --recursive --exclude '*' --include 'spindle-client-*.jar' --include 'spindle-shuffle-aux-service-*-nm.jar' \
  "$source_dir" "$tmp"

client=$(ls "$tmp"/spindle-client-*.jar | head -n 1)
shuffle=$(ls "$tmp"/spindle-shuffle-aux-service-*-nm.jar | head -n 1)
[ -f "$client" ] || { echo "no spindle-client-*.jar under $source_dir" >&2; exit 1; }
[ -f "$shuffle" ] || { echo "no spindle-shuffle-aux-service-*-nm.jar under $source_dir" >&2; exit 1; }

sudo install -m 0644 "$client" "$target/spindle-client.jar"
sudo install -m 0644 "$shuffle" "$target/spindle-shuffle-aux-service-nm.jar"
echo "Spindle installed in $target"
