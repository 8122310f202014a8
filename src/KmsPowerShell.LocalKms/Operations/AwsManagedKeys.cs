using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>
/// AWS managed keys: KMS makes one, with its alias alias/aws/&lt;service&gt;, the first time a request names that alias
/// in an account and region. Their key policy, evaluated as any other, lets the account only read them (Describe*, Get*,
/// List*); using them needs the service's kms:ViaService, which no local caller has, so everything else is
/// AccessDeniedException.
/// </summary>
internal static class AwsManagedKeys
{
    public const string KeyManager = "AWS";
    public const string AliasPrefix = "alias/aws/";
    private const int RotationPeriodInDays = 365;

    // The predefined aliases AWS lists in an account (a recorded ListAliases), and backup and sqs.
    private static readonly Dictionary<string, string> ServiceNames = new(StringComparer.Ordinal)
    {
        ["acm"] = "ACM", ["backup"] = "Backup", ["cloud9"] = "Cloud9", ["codecommit"] = "CodeCommit",
        ["connect"] = "Connect", ["dynamodb"] = "DynamoDB", ["ebs"] = "EBS", ["elasticfilesystem"] = "EFS",
        ["es"] = "Elasticsearch", ["glue"] = "Glue", ["kafka"] = "Kafka", ["kinesisvideo"] = "Kinesis Video",
        ["lambda"] = "Lambda", ["lex"] = "Lex", ["lightsail"] = "Lightsail", ["rds"] = "RDS", ["redshift"] = "Redshift",
        ["s3"] = "S3", ["secretsmanager"] = "Secrets Manager", ["sns"] = "SNS", ["sqs"] = "SQS", ["ssm"] = "SSM",
        ["xray"] = "X-Ray",
    };

    /// <summary>The names of AWS's predefined aliases (alias/aws/&lt;service&gt;), in the order of their services' names.</summary>
    public static IEnumerable<string> PredefinedAliasNames => ServiceNames.Keys.Order(StringComparer.Ordinal).Select(service => AliasPrefix + service);

    /// <summary>The service an alias name is AWS's predefined alias for, or null.</summary>
    public static string? ServiceOf(string aliasName) =>
        aliasName.StartsWith(AliasPrefix, StringComparison.Ordinal) && ServiceNames.ContainsKey(aliasName[AliasPrefix.Length..])
            ? aliasName[AliasPrefix.Length..]
            : null;

    /// <summary>Makes the service's key and its alias (the caller has checked neither exists).</summary>
    public static StoredKey Create(KmsState state, string account, string region, string service, string aliasArn, DateTimeOffset now)
    {
        var keyId = Guid.NewGuid().ToString();
        var key = new StoredKey
        {
            Arn = KeyResolver.KeyArn(account, region, keyId),
            KeyId = keyId,
            Account = account,
            Region = region,
            CreationDate = now,
            Description = $"Default key that protects my {ServiceNames[service]} data when no other key is defined",
            KeySpec = KmsKeySpec.SymmetricDefault,
            KeyUsage = KmsKeyUsages.EncryptDecrypt,
            KeyManager = KeyManager,
            Policy = Policy(account, region, service),
            Materials = [KeyMaterialFactory.Create(KmsKeySpec.Find(KmsKeySpec.SymmetricDefault)!, 1, now)],
            RotationEnabled = true,
            RotationPeriodInDays = RotationPeriodInDays,
            NextRotationDate = now.AddDays(RotationPeriodInDays),
        };
        state.Keys[key.Arn] = key;
        state.Aliases[aliasArn] = new StoredAlias
        {
            AliasName = AliasPrefix + service,
            AliasArn = aliasArn,
            Account = account,
            Region = region,
            TargetKeyId = keyId,
            CreationDate = now,
            LastUpdatedDate = now,
        };
        return key;
    }

    private static string Policy(string account, string region, string service) =>
        "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"auto-" + service + "\",\n  \"Statement\" : [ {\n" +
        $"    \"Sid\" : \"Allow access through {ServiceNames[service]} for all principals in the account that are authorized to use {ServiceNames[service]}\",\n" +
        "    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"*\"\n    },\n" +
        "    \"Action\" : [ \"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", \"kms:GenerateDataKey*\", \"kms:CreateGrant\", \"kms:DescribeKey\" ],\n" +
        "    \"Resource\" : \"*\",\n    \"Condition\" : {\n      \"StringEquals\" : {\n" +
        $"        \"kms:CallerAccount\" : \"{account}\",\n        \"kms:ViaService\" : \"{service}.{region}.amazonaws.com\"\n      }}\n    }}\n  }}, {{\n" +
        "    \"Sid\" : \"Allow direct access to key metadata to the account\",\n    \"Effect\" : \"Allow\",\n" +
        $"    \"Principal\" : {{\n      \"AWS\" : \"{KeyPolicies.AccountRoot(account, region)}\"\n    }},\n" +
        "    \"Action\" : [ \"kms:Describe*\", \"kms:Get*\", \"kms:List*\" ],\n    \"Resource\" : \"*\"\n  } ]\n}";
}
