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
    param([string] $Description = 'pester', [string] $Alias, [string] $Region = 'us-east-1')
    $key = (& aws --endpoint-url $script:Endpoint --region $Region --output json kms create-key --description $Description --key-usage ENCRYPT_DECRYPT --key-spec SYMMETRIC_DEFAULT | ConvertFrom-Json).KeyMetadata
    if ($LASTEXITCODE -ne 0) { throw "aws kms create-key failed in $Region." }
    if ($Alias) {
        & aws --endpoint-url $script:Endpoint --region $Region kms create-alias --alias-name $Alias --target-key-id $key.KeyId
        if ($LASTEXITCODE -ne 0) { throw "aws kms create-alias $Alias failed." }
    }
    $key
}

function Get-BulkKeyIds {
    <#
    The keys of the listing tests, made by an independent client once per backend instance and reused by later runs
    (the isolation tests rerun this suite): one boto3 process where python3 has it, else one awscli process per key.
    #>
    param([int] $Count = 120)
    $state = Join-Path $env:KMSPS_TEST_SANDBOX ("bulk-" + ([uri]$script:Endpoint).Port + ".json")
    if (Test-Path $state) { return @(Get-Content -Raw $state | ConvertFrom-Json) }
    $endpoint = $script:Endpoint
    & python3 -c 'import boto3' 2>$null
    if ($?) {
        $ids = @(& python3 (Join-Path $PSScriptRoot 'New-BulkKeys.py') $endpoint $Count 2>&1)
        if ($LASTEXITCODE -ne 0 -or $ids.Count -ne $Count) { throw "boto3 made $($ids.Count) of $Count bulk keys: $($ids -join "`n")" }
    }
    else {
        $ids = 1..$Count | ForEach-Object -ThrottleLimit 6 -Parallel {
            $id = & aws --endpoint-url $using:endpoint --region us-east-1 kms create-key --description "pester-bulk-$_" --query KeyMetadata.KeyId --output text
            if ($LASTEXITCODE -ne 0) { throw "aws kms create-key failed for bulk key $_." }
            $id
        }
    }
    $ids = @($ids | ForEach-Object { "$_".Trim() })
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
