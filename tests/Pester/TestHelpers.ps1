# Dot-sourced by every test file: the built module, the backend under test, and ways to reach it independently.
$script:Endpoint = $env:KMSPS_TEST_ENDPOINT
$script:ModulePath = $env:KMSPS_TEST_MODULE
$script:Pwsh = $env:KMSPS_TEST_PWSH
$script:Backend = $env:KMSPS_TEST_BACKEND
# Credentials the backend accepts (moto takes any; the local KMS checks signatures).
$script:AccessKey = $env:AWS_ACCESS_KEY_ID
$script:SecretKey = $env:AWS_SECRET_ACCESS_KEY

function Connect-TestKms {
    <# The backend under test as the current session: the local KMS in process, or moto over HTTP. #>
    param([string] $Region = 'us-east-1')
    # A fresh process (the isolation tests) has its own, empty, in-process local KMS: it reaches the suite's over HTTP.
    if ($script:Backend -eq 'local' -and -not $env:KMSPS_TEST_VIA_SERVER) { Connect-Kms -Local -Region $Region }
    else { Connect-Kms -EndpointUrl $script:Endpoint -Region $Region }
}

function Invoke-Aws {
    <# awscli against the backend: an independent client, so what it sees is not our code's opinion. #>
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    $output = & aws --endpoint-url $script:Endpoint --region us-east-1 --output json @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "aws $($Arguments -join ' ') failed: $output" }
    if ($output) { ($output -join "`n") | ConvertFrom-Json }
}

function New-TestKey {
    <#
    Symmetric keys made by an independent client (boto3 where python3 has it, else awscli): one key from -Description,
    -Alias and -Region, or many at once from -Spec (hashtables with Description, Alias and Region), in one process.
    #>
    param([string] $Description = 'pester', [string] $Alias, [string] $Region = 'us-east-1', [hashtable[]] $Spec)
    $specs = $Spec ? $Spec : @(@{ Description = $Description; Alias = $Alias; Region = $Region })
    & python3 -c 'import boto3' 2>$null
    if ($?) {
        $made = ConvertTo-Json -InputObject @($specs) -Depth 3 | & python3 (Join-Path $PSScriptRoot 'New-PeerKeys.py') $script:Endpoint
        if ($LASTEXITCODE -ne 0) { throw "boto3 could not make the test keys: $made" }
        return ($made -join "`n") | ConvertFrom-Json
    }
    foreach ($one in $specs) {
        $region = $one.Region ? $one.Region : 'us-east-1'
        $key = (& aws --endpoint-url $script:Endpoint --region $region --output json kms create-key --description $one.Description --key-usage ENCRYPT_DECRYPT --key-spec SYMMETRIC_DEFAULT | ConvertFrom-Json).KeyMetadata
        if ($LASTEXITCODE -ne 0) { throw "aws kms create-key failed in $region." }
        if ($one.Alias) {
            & aws --endpoint-url $script:Endpoint --region $region kms create-alias --alias-name $one.Alias --target-key-id $key.KeyId
            if ($LASTEXITCODE -ne 0) { throw "aws kms create-alias $($one.Alias) failed." }
        }
        $key
    }
}

function New-Account([int] $Seed) {
    <# A random account id of a test's own (local principals or moto roles), so the keys other test files make are in none of its accounts. #>
    '{0}{1:d8}' -f (4000 + $Seed), (Get-Random -Maximum 99999999)
}

function New-EuWest1DeniedAccount {
    <#
    On the local KMS: the account -Account whose role may do anything but nothing in eu-west-1 (that region is
    unreachable for it), with one key in us-east-1. Returns Account, RoleArn and Key; the current session is unchanged.
    #>
    param([string] $Account, [string] $Description)
    $role = "arn:aws:iam::${Account}:role/NoEuWest1"
    $policy = @{ Version = '2012-10-17'; Statement = @(
            @{ Effect = 'Allow'; Action = 'kms:*'; Resource = '*' }
            @{ Effect = 'Deny'; Action = 'kms:*'; Resource = '*'; Condition = @{ StringEquals = @{ 'aws:RequestedRegion' = 'eu-west-1' } } }) } | ConvertTo-Json -Depth 6
    $principal = Add-KmsLocalPrincipal -PrincipalArn $role -PolicyDocument $policy -Force
    $session = Connect-Kms -Local -AccessKey $principal.AccessKeyId -SecretKey $principal.SecretAccessKey -PassThru
    [pscustomobject]@{ Account = $Account; RoleArn = $role; Key = New-KmsKey -Session $session -Region us-east-1 -Description $Description }
}

function New-MotoAccountKey {
    <#
    On moto: a key in each region for the account of each role. moto answers sts:AssumeRole for any role and then serves
    the role's account to its credentials, so each role is an account of its own. Returns the keys, account by account.
    #>
    param([string[]] $RoleArn, [string[]] $Region, [string] $Description)
    foreach ($role in $RoleArn) {
        $credentials = (Invoke-Aws sts assume-role --role-arn $role --role-session-name seed).Credentials
        $session = Connect-Kms -EndpointUrl $script:Endpoint -AccessKey $credentials.AccessKeyId -SecretKey $credentials.SecretAccessKey `
            -SessionToken $credentials.SessionToken -Region $Region[0] -PassThru
        foreach ($name in $Region) { New-KmsKey -Session $session -Region $name -Description "$Description $name" }
    }
}

function Get-BulkKeyIds {
    <#
    The keys of the listing tests, made by an independent client once per backend instance and reused by later runs
    (the isolation tests rerun this suite).
    #>
    param([int] $Count = 120)
    $state = Join-Path $env:KMSPS_TEST_SANDBOX ("bulk-" + ([uri]$script:Endpoint).Port + ".json")
    if (Test-Path $state) { return @(Get-Content -Raw $state | ConvertFrom-Json) }
    $ids = @(New-TestKey -Spec @(1..$Count | ForEach-Object { @{ Description = "pester-bulk-$_" } }) | ForEach-Object KeyId)
    if ($ids.Count -ne $Count) { throw "The peer made $($ids.Count) of $Count bulk keys." }
    $ids | ConvertTo-Json | Set-Content $state
    $ids
}

function Invoke-FreshPwsh {
    <# Runs a script in a new pwsh process (a loaded assembly cannot be unloaded) and returns its output and exit code. #>
    param([Parameter(Mandatory)] [string] $Script)
    $file = Join-Path ([IO.Path]::GetTempPath()) "kmsps-fresh-$([guid]::NewGuid()).ps1"
    Set-Content -Path $file -Value $Script
    try {
        $output = & $script:Pwsh -NoProfile -NonInteractive -File $file 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
    }
    finally {
        Remove-Item $file -ErrorAction Ignore
    }
}

function Get-ClosedLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Get-WhatIfLine([scriptblock] $Command) {
    <# Runs a command and returns its output and its "What if:" lines, which go to the host (a transcript records them). #>
    $log = Join-Path $TestDrive "whatif-$([guid]::NewGuid().ToString('n')).txt"
    Start-Transcript -Path $log -WhatIf:$false | Out-Null
    try { $output = & $Command 2>&1 }
    finally { Stop-Transcript -WhatIf:$false | Out-Null }
    [pscustomobject]@{ Output = $output; Lines = @(Get-Content $log | Where-Object { $_ -like 'What if:*' }) }
}
