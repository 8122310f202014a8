# build.ps1 as a task runner: each task runs after the tasks it needs, and at most once per invocation. -WhatIf names
# the tasks in the order they would run without running any, so these tests build nothing. Every case runs in one
# child pwsh (start-up is most of the cost), once: the runner does not depend on the KMS backend.
BeforeDiscovery {
    $script:Cases = @(
        @{ Arguments = '-Task Build,Test'; Plan = 'Layout Docs Build Interop Test' }
        @{ Arguments = '-Task Clean,Package,Demo'; Plan = 'Clean Layout Docs Build Package Demo' }
        @{ Arguments = '-Task Test,Bench'; Plan = 'Layout Docs Build Interop Test Bench' }
        @{ Arguments = '-Task UpdateHelp,Docs'; Plan = 'Layout UpdateHelp Docs' }
        @{ Arguments = '-Task Fuzz -FuzzEngine Mutation'; Plan = 'Fuzz' }
        @{ Arguments = '-Task Test'; SkipHelp = $true; Plan = 'Layout Build Interop Test' }
    )
    for ($i = 0; $i -lt $Cases.Count; $i++) { $Cases[$i].Index = $i; if (-not $Cases[$i].SkipHelp) { $Cases[$i].SkipHelp = $false } }
}

Describe 'build.ps1 -WhatIf' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') -ForEach @(@{ Cases = $Cases }) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        $buildScript = (Resolve-Path (Join-Path $PSScriptRoot '../../build.ps1')).Path
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($buildScript, [ref]$null, [ref]$null)
        $script:Accepted = @(($ast.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'Task' }).Attributes |
            Where-Object { $_.TypeName.Name -eq 'ValidateSet' } | ForEach-Object { $_.PositionalArguments.Value })
        $all = @($Cases | ForEach-Object { [pscustomobject]$_ }) + @($Accepted | ForEach-Object { [pscustomobject]@{ Arguments = "-Task $_" } })
        $lines = for ($i = 0; $i -lt $all.Count; $i++) {
            $skipHelp = $all[$i].PSObject.Properties['SkipHelp'] -and $all[$i].SkipHelp ? "'1'" : '$null'
            "`$env:KMSPS_SKIP_HELP = $skipHelp; 'plan: $i'; & '$buildScript' $($all[$i].Arguments) -WhatIf"
        }
        # The plan of each case, by its index in $all: the cases first, then '-Task <name>' for each accepted name.
        $script:Plans = @{}
        $run = Invoke-FreshPwsh ($lines -join "`n")
        if ($run.ExitCode -ne 0) { throw "build.ps1 -WhatIf failed: $($run.Output)" }
        foreach ($block in $run.Output -split '(?m)^plan: ' | Where-Object { $_.Trim() }) {
            $index, $rest = $block -split '\r?\n', 2
            $Plans[[int]$index.Trim()] = ([regex]::Matches($rest, 'Performing the operation "Run task" on target "(\w+)"') | ForEach-Object { $_.Groups[1].Value }) -join ' '
        }
    }

    It 'runs <Arguments> as: <Plan> (KMSPS_SKIP_HELP=1: <SkipHelp>)' -ForEach $Cases {
        $Plans[$Index] | Should -Be $Plan
    }

    It 'declares every task that -Task accepts' {
        $Accepted | Should -Contain 'Package'
        for ($i = 0; $i -lt $Accepted.Count; $i++) { ($Plans[$Cases.Count + $i] -split ' ')[-1] | Should -Be $Accepted[$i] }
    }
}
