#!/bin/bash
# Oracle: dpkg --compare-versions (the installed dpkg). Exit 0/1 answer the relation; any other exit is dpkg
# refusing the syntax -> invalid. Warnings (e.g. "version number does not start with digit") still compare,
# as dpkg does. The empty string is "no version" to dpkg but not a version to Scout: invalid.
while IFS=$'\t' read -r a b; do
  if [ -z "$a" ] || [ -z "$b" ]; then printf '%s\t%s\tinvalid\n' "$a" "$b"; continue; fi
  dpkg --compare-versions "$a" lt "$b" 2>/dev/null; lt=$?
  if [ $lt -gt 1 ]; then printf '%s\t%s\tinvalid\n' "$a" "$b"; continue; fi
  if [ $lt -eq 0 ]; then printf '%s\t%s\t-1\n' "$a" "$b"; continue; fi
  dpkg --compare-versions "$a" eq "$b" 2>/dev/null; eq=$?
  if [ $eq -eq 0 ]; then printf '%s\t%s\t0\n' "$a" "$b"; else printf '%s\t%s\t1\n' "$a" "$b"; fi
done
