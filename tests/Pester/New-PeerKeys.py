"""Creates KMS keys (and their aliases) with boto3 in one process and prints their KeyMetadata as a JSON array.

The Pester tests need keys made by a client that is not KmsPowerShell; one boto3 process makes all of a test file's
keys where one awscli process per key and per alias took a second or more each.
Usage: python3 New-PeerKeys.py ENDPOINT < [{"Description": "...", "Alias": "alias/x" or null, "Region": "us-east-1"}, ...]
"""
import json
import sys

import boto3

endpoint = sys.argv[1]
clients = {}
made = []
for spec in json.load(sys.stdin):
    region = spec.get("Region") or "us-east-1"
    kms = clients.setdefault(region, boto3.client("kms", endpoint_url=endpoint, region_name=region))
    key = kms.create_key(Description=spec["Description"], KeyUsage="ENCRYPT_DECRYPT", KeySpec="SYMMETRIC_DEFAULT")["KeyMetadata"]
    if spec.get("Alias"):
        kms.create_alias(AliasName=spec["Alias"], TargetKeyId=key["KeyId"])
    made.append(key)
json.dump(made, sys.stdout, default=str)
