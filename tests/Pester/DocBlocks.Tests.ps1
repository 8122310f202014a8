# The code of README.md and about_KmsPowerShell runs on the local KMS, as a reader would paste it, so it never rots.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Join-Path $PSScriptRoot 'DocExamples.psm1') -Force
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Readme = Join-Path $Root 'README.md'
    $script:About = Join-Path $Root 'docs/en-US/about_KmsPowerShell.md'
    $script:Blocks = @($Readme, $About | ForEach-Object { Get-MarkdownCodeBlock -Path $_ })
    # The blocks left out on purpose, each with its reason: any other PowerShell block runs.
    $script:NotRun = @(
        'README.md: installs Pester from the PowerShell Gallery'
        'about_KmsPowerShell.md: a fragment of a test file, for moto listening on port 5000'
    )
    # Blocks fenced as these are not PowerShell: shell commands and sample output.
    $script:OtherLanguages = 'sh', 'text'
}

Describe 'the code blocks of README.md and about_KmsPowerShell' {
    It 'finds the blocks of both files' {
        ($Blocks | Where-Object File -eq 'README.md').Count | Should -BeGreaterThan 5
        ($Blocks | Where-Object File -eq 'about_KmsPowerShell.md').Count | Should -BeGreaterThan 10
    }

    It 'runs every PowerShell block on the local KMS' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
        $runner = Join-Path $PSScriptRoot 'Invoke-MarkdownBlocks.ps1'
        $pester = (Get-Module Pester).Path
        $run = Invoke-FreshPwsh "& '$runner' -ModulePath '$ModulePath' -PesterPath '$pester' -Markdown '$Readme', '$About' | Out-String -Width 4000"
        $results = @($run.Output -split "`n" | Where-Object { $_.StartsWith('{') } | ForEach-Object { $_ | ConvertFrom-Json })
        $expected = @($Blocks | Where-Object { $_.IsPowerShell -and -not $_.NotRun -and -not $_.FileName })
        $results.Count | Should -Be $expected.Count -Because $run.Output
        $results | Where-Object { -not $_.Ok } | ForEach-Object { "$($_.Example): $($_.Error)" } | Should -BeNullOrEmpty
    }

    It 'leaves out only the blocks listed in this test, each with its reason' {
        @($Blocks | Where-Object NotRun | ForEach-Object { "$($_.File): $($_.NotRun)" } | Sort-Object) | Should -Be @($NotRun | Sort-Object)
    }

    It 'skips only blocks fenced as another language' {
        $Blocks | Where-Object { -not $_.IsPowerShell } | ForEach-Object { "$($_.File):$($_.Line) $($_.Language)" } |
            Where-Object { ($_ -split ' ')[-1] -notin $OtherLanguages } | Should -BeNullOrEmpty
    }

    It 'fences the shell commands of README.md as sh' {
        $Blocks | Where-Object { $_.IsPowerShell -and $_.Code -match '(?m)^dotnet ' } | ForEach-Object { "$($_.File):$($_.Line)" } |
            Should -BeNullOrEmpty
    }
}

Describe 'the offline test file of README.md' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    It 'passes twice in a row in one session' {
        $file = Join-Path $TestDrive 'App.Tests.ps1'
        Set-Content $file ($Blocks | Where-Object FileName -eq 'App.Tests.ps1').Code
        $modules = Split-Path (Split-Path (Split-Path $ModulePath))
        $run = Invoke-FreshPwsh @"
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module '$((Get-Module Pester).Path)'
foreach (`$run in 1, 2) {
    `$result = Invoke-Pester -Path '$file' -PassThru -Output None
    "run `${run}: `$(`$result.PassedCount) passed, `$(`$result.FailedCount) failed"
}
"@
        $run.Output | Should -Match 'run 1: 2 passed, 0 failed' -Because $run.Output
        $run.Output | Should -Match 'run 2: 2 passed, 0 failed' -Because $run.Output
    }
}

Describe 'README.md' {
    It 'names every task of build.ps1' {
        $build = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $Root 'build.ps1'), [ref]$null, [ref]$null)
        $task = $build.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'Task' }
        $tasks = ($task.Attributes | Where-Object { $_.TypeName.Name -eq 'ValidateSet' }).PositionalArguments.Value
        $tasks | Should -Contain 'Package'
        $text = Get-Content -Raw $Readme
        $tasks | Where-Object { $text -notmatch "``$_``" } | Should -BeNullOrEmpty
    }
}

Describe 'the AWS.Tools table of about_KmsPowerShell' {
    BeforeAll {
        Import-Module $ModulePath
        $table = $Blocks | Where-Object { $_.Language -eq 'text' -and $_.Code -match '^AWS\.Tools\s+KmsPowerShell' }
        $script:Rows = @($table.Code -split "`n" | Select-Object -Skip 2 | ForEach-Object {
                $aws, $ours = $_ -split '\s+', 2
                [pscustomobject]@{ AwsTools = $aws; Ours = $ours }
            })
    }

    It 'maps the AWS.Tools cmdlets users come with' {
        foreach ($name in 'Get-KMSKeyList', 'Invoke-KMSEncrypt', 'Invoke-KMSDecrypt', 'Request-KMSKeyDeletion', 'Write-KMSKeyPolicy', 'New-KMSRandom') {
            $Rows.AwsTools | Should -Contain $name
        }
    }

    It 'names only cmdlets and parameters of this module in the KmsPowerShell column' {
        $wrong = foreach ($row in $Rows) {
            foreach ($use in $row.Ours -split ',\s*') {
                $name, $parameters = $use -split '\s+'
                $command = Get-Command $name -Module KmsPowerShell -ErrorAction Ignore
                if (-not $command) { "$($row.AwsTools): no cmdlet $name"; continue }
                $parameters | Where-Object { $_ -and -not $command.Parameters.ContainsKey($_.TrimStart('-')) } |
                    ForEach-Object { "$($row.AwsTools): $name has no parameter $_" }
            }
        }
        $wrong | Should -BeNullOrEmpty
    }
}
