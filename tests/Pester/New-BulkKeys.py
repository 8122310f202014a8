"""Creates KMS keys with boto3 in one process and prints their ids, one a line.

The Pester listing tests need many keys made by a client that is not KmsPowerShell; one boto3 process makes them
in a second where one awscli process per key took a minute and a half.
Usage: python3 New-BulkKeys.py ENDPOINT COUNT
"""
import sys

import boto3

endpoint, count = sys.argv[1], int(sys.argv[2])
kms = boto3.client("kms", endpoint_url=endpoint, region_name="us-east-1")
for n in range(1, count + 1):
    key = kms.create_key(Description=f"pester-bulk-{n}", KeyUsage="ENCRYPT_DECRYPT", KeySpec="SYMMETRIC_DEFAULT")
    print(key["KeyMetadata"]["KeyId"], flush=True)
