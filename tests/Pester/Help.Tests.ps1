# The help users read: Get-Help, in a fresh pwsh that imports the built module, for every exported cmdlet and the about topic.
BeforeDiscovery {
    Import-Module $env:KMSPS_TEST_MODULE -Force
    $script:Commands = @(Get-Command -Module KmsPowerShell -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Docs = Join-Path $PSScriptRoot '../../docs/en-US'
    # One fresh process reads all the help: the module's help file is found only where PowerShell looks for it.
    $run = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$help = foreach (`$command in Get-Command -Module KmsPowerShell -CommandType Cmdlet) {
    `$full = Get-Help `$command.Name -Full
    [pscustomobject]@{
        Name        = `$command.Name
        Synopsis    = `$full.Synopsis
        Description = (`$full.description.Text -join "``n")
        Parameters  = @(`$full.parameters.parameter | ForEach-Object { [pscustomobject]@{ Name = `$_.name; Description = (`$_.description.Text -join "``n") } })
        Inputs      = @(`$full.inputTypes.inputType.type.name)
        Outputs     = @(`$full.returnValues.returnValue.type.name)
        Examples    = @(`$full.examples.example | ForEach-Object { [pscustomobject]@{ Title = `$_.title; Code = `$_.code } })
        Text        = (`$full | Out-String -Width 200)
    }
}
`$about = Get-Help about_KmsPowerShell | Out-String
[pscustomobject]@{ Commands = @(`$help); About = `$about } | ConvertTo-Json -Depth 6 -Compress
"@
    if ($run.ExitCode -ne 0) { throw "Reading help failed: $($run.Output)" }
    $script:Help = $run.Output | ConvertFrom-Json
}

Describe 'Get-Help <Name> -Full' -ForEach $Commands {
    BeforeAll {
        $script:Page = Get-Content -Raw (Join-Path $Docs "$Name.md")
        $script:Entry = $Help.Commands | Where-Object Name -eq $Name
    }

    It 'shows the synopsis written in docs/en-US/<Name>.md' {
        $synopsis = ([regex]::Match($Page, '(?ms)^## SYNOPSIS\s*\n(.+?)\n\s*\n')).Groups[1].Value.Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $Entry.Synopsis | Should -Be $synopsis
    }

    It 'shows a description' {
        $Entry.Description.Length | Should -BeGreaterThan 100
    }

    It 'describes every parameter' {
        $parameters = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        foreach ($parameter in $parameters) {
            $described = $Entry.Parameters | Where-Object Name -eq $parameter
            $described.Description | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description in docs/en-US/$Name.md"
        }
    }

    It 'shows inputs and outputs' {
        $Entry.Inputs | Should -Not -BeNullOrEmpty
        $Entry.Outputs | Should -Not -BeNullOrEmpty
        $Entry.Text | Should -Match 'INPUTS'
        $Entry.Text | Should -Match 'OUTPUTS'
    }

    It 'has at least two examples with code' {
        $Entry.Examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Entry.Examples) { $example.Code | Should -Not -BeNullOrEmpty -Because $example.Title }
    }

    It 'shows no placeholder text' {
        $Entry.Text | Should -Not -Match '\{\{.*\}\}'
    }
}

Describe 'Get-Help about_KmsPowerShell' {
    It 'is found once the built module is imported' {
        $Help.About | Should -Match 'about_kmspowershell'
        $Help.About | Should -Match 'SHORT DESCRIPTION'
        $Help.About | Should -Match 'LONG DESCRIPTION'
    }

    It 'covers sessions, regions, key identifiers, data formats, errors, the local KMS and testing' {
        foreach ($topic in 'SESSIONS AND CREDENTIALS', 'REGIONS', 'KEY IDENTIFIERS', 'DATA FORMATS', 'ERRORS AND RETRIES', 'THE LOCAL KMS', 'TESTING YOUR SCRIPTS WITH PESTER') {
            $Help.About | Should -Match ([regex]::Escape($topic))
        }
    }

    It 'shows no placeholder text' {
        $Help.About | Should -Not -Match '\{\{.*\}\}'
    }
}
