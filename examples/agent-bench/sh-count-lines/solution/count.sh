#!/bin/sh
grep -c '[^[:space:]]' "$1"
