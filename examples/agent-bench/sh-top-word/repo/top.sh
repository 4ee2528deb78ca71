#!/bin/sh
head -n 1 "$1" | awk '{print $1}'
