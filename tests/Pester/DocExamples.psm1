# Runs one piece of documentation code (a help example, a README or about block) the way a reader would, on the
# local KMS: in a fresh folder, with a local KMS of its own (a state file there), no faults, a key behind every alias
# it uses but does not make, and a profile pointing at that local KMS for every profile it names.

# The shared config files of every example: one pair per process, emptied before each example and filled with the
# profiles it names. (The engine keeps the paths it first read from AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.)
$ConfigFile = Join-Path ([IO.Path]::GetTempPath()) "kmsps-example-$PID-config"
$CredentialsFile = Join-Path ([IO.Path]::GetTempPath()) "kmsps-example-$PID-credentials"

$RegionPattern = '\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b'

function Invoke-DocExample {
    <# Returns one JSON line: Page, Example, Ok, Error. #>
    param(
        [Parameter(Mandatory)] [string] $Page,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [AllowEmptyString()] [string] $Code,
        # Code run first, in the same folder and session, that the reader is assumed to have done (files to work on).
        [string] $Setup = '',
        # Files the example reads, by name: written into its folder first.
        [hashtable] $Files = @{}
    )
    $folder = Join-Path ([IO.Path]::GetTempPath()) "kmsps-example-$([guid]::NewGuid().ToString('n'))"
    New-Item -ItemType Directory $folder | Out-Null
    $server = $null
    Push-Location $folder
    try {
        Set-Content $ConfigFile '' ; Set-Content $CredentialsFile ''
        $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE = $ConfigFile, $CredentialsFile
        foreach ($file in $Files.Keys) { Set-Content -LiteralPath (Join-Path $folder $file) -Value $Files[$file] }
        $state = Join-Path $folder 'kms-state.json'
        # No faults left by an earlier example in the in-memory local KMS (the local cmdlets act on the current
        # session's, and an earlier example may have left a session on a profile whose server is gone).
        Connect-Kms -Local -Region us-east-1
        Set-KmsLocalFault
        Connect-Kms -Local -Region us-east-1 -LocalStatePath $state
        if ($Setup) { $null = & ([scriptblock]::Create($Setup)) *>&1 }
        New-AliasKeys -Code $Code
        $server = New-ProfilesForCode -Code $Code -StatePath $state
        $null = & ([scriptblock]::Create($Code)) *>&1
        [pscustomobject]@{ Page = $Page; Example = $Name; Ok = $true; Error = '' } | ConvertTo-Json -Compress
    }
    catch {
        [pscustomobject]@{ Page = $Page; Example = $Name; Ok = $false; Error = "$_" } | ConvertTo-Json -Compress
    }
    finally {
        Pop-Location
        if ($server) { Stop-KmsLocalServer -Port $server.Port -ErrorAction Ignore }
        Remove-Item -Recurse -Force $folder -ErrorAction Ignore
        Remove-Item $ConfigFile, $CredentialsFile -ErrorAction Ignore
    }
}

function New-AliasKeys([string] $Code) {
    # A key behind each alias the code names, in us-east-1 and every region it names; not for the aliases it makes.
    $made = [regex]::Matches($Code, "(?m)New-Kms(?:Key|Alias)\b.*?(?:-Alias|-Name|New-KmsAlias)\s+'?(alias/[A-Za-z0-9/_-]+)") |
        ForEach-Object { $_.Groups[1].Value }
    $regions = @('us-east-1') + @([regex]::Matches($Code, $RegionPattern).Value) | Sort-Object -Unique
    foreach ($alias in [regex]::Matches($Code, 'alias/[A-Za-z0-9/_-]+').Value | Sort-Object -Unique | Where-Object { $_ -notin $made }) {
        foreach ($region in $regions) {
            if (-not (Get-KmsKey -KeyId $alias -Region $region -ErrorAction SilentlyContinue)) { New-KmsKey -Alias $alias -Region $region | Out-Null }
        }
    }
}

function New-ProfilesForCode([string] $Code, [string] $StatePath) {
    # Each profile the code names (-ProfileName p) signs in to this example's local KMS, served over loopback HTTP.
    $names = [regex]::Matches($Code, '-ProfileName\s+''?([A-Za-z0-9_-]+)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
    if (-not $names) { return $null }
    $server = Start-KmsLocalServer -LocalStatePath $StatePath
    $config = $names | ForEach-Object {
        "[profile $_]", 'region = us-east-1', "endpoint_url = $($server.Endpoint.TrimEnd('/'))",
        "aws_access_key_id = $($server.AccessKeyId)", "aws_secret_access_key = $($server.SecretAccessKey)", ''
    }
    Set-Content $ConfigFile $config
    $server
}

function Get-MarkdownCodeBlock {
    <#
    Every code block of a markdown file, fenced or indented: File, Line, Language (empty when none), IsPowerShell,
    and what the HTML comments on its fence line say: NotRun (<!-- not run: reason -->), Setup (<!-- setup: code -->,
    run first) and FileName (<!-- file: Name.ps1 -->, a file that later blocks of the page use).
    #>
    param([Parameter(Mandatory)] [string] $Path)
    $lines = (Get-Content -Raw $Path).Replace("`r`n", "`n").Split("`n")
    $name = Split-Path $Path -Leaf
    $fence = $null
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($fence) {
            if ($line -match "^\s{0,3}$([regex]::Escape($fence.Marker))+\s*$") { New-CodeBlock $name $fence.Line $fence.Info $fence.Code; $fence = $null }
            else { $fence.Code.Add($line) }
        }
        elseif ($line -match '^\s{0,3}(`{3,}|~{3,})\s*(.*)$') {
            $fence = @{ Marker = $Matches[1]; Info = $Matches[2]; Line = $i + 1; Code = [Collections.Generic.List[string]]::new() }
        }
        elseif ($line -match '^(    |\t)\S' -and ($i -eq 0 -or -not $lines[$i - 1].Trim()) -and -not (Test-InList $lines $i)) {
            $start = $i
            $code = [Collections.Generic.List[string]]::new()
            while ($i -lt $lines.Count -and ($lines[$i] -match '^(    |\t)' -or -not $lines[$i].Trim())) { $code.Add(($lines[$i] -replace '^(    |\t)', '')); $i++ }
            $i--
            while ($code.Count -and -not $code[-1].Trim()) { $code.RemoveAt($code.Count - 1) }
            New-CodeBlock $name ($start + 1) '' $code
        }
    }
}

function Test-InList($Lines, [int] $Index) {
    # An indented line after a list item (and blank lines) continues the item: it is not code.
    for ($j = $Index - 1; $j -ge 0; $j--) {
        if (-not $Lines[$j].Trim()) { continue }
        return $Lines[$j] -match '^\s*([-*+]|\d+[.)])\s'
    }
    $false
}

function New-CodeBlock([string] $File, [int] $Line, [string] $Info, $Code) {
    $language = ($Info -replace '<!--.*', '').Trim().ToLowerInvariant()
    $comment = { param($key) if ($Info -match "<!--\s*$key\s*:\s*(.*?)\s*-->") { $Matches[1] } else { '' } }
    [pscustomobject]@{
        File         = $File
        Line         = $Line
        Language     = $language
        IsPowerShell = $language -in '', 'powershell', 'pwsh', 'ps1', 'ps'
        NotRun       = & $comment 'not run'
        Setup        = & $comment 'setup'
        FileName     = & $comment 'file'
        Code         = $Code -join "`n"
    }
}

Export-ModuleMember -Function Invoke-DocExample, Get-MarkdownCodeBlock
