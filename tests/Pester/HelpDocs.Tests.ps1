# docs/en-US against the compiled cmdlets, read independently of the help compiler: a page per cmdlet, the same
# parameter sets and parameters, and yaml that tells the truth. Every failure names the page (and line) to fix.
BeforeDiscovery {
    Import-Module $env:KMSPS_TEST_MODULE -Force
    $script:Commands = @(Get-Command -Module KmsPowerShell -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    $script:Docs = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../docs/en-US'))
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters

    function Read-HelpPage([string] $Path) {
        # The parts of a PlatyPS page this test needs: ### set headings under SYNTAX, and each ### -Parameter with its yaml blocks.
        $page = @{ SyntaxSets = [Collections.Generic.List[string]]::new(); Parameters = [ordered]@{} }
        $section = ''; $parameter = $null; $block = $null; $fence = $false
        $lines = Get-Content $Path
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line -match '^```') {
                if ($fence) { $fence = $false; $block = $null; continue }
                $fence = $true
                if ($line -eq '```yaml' -and $parameter) { $block = @{ Line = $i + 1 }; $page.Parameters[$parameter].Add($block) }
                continue
            }
            if ($fence) {
                if ($block -and $line -match '^([^:]+):\s*(.*)$') { $block[$Matches[1].Trim()] = $Matches[2].Trim() }
                continue
            }
            if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); $parameter = $null; continue }
            if ($section -eq 'SYNTAX' -and $line -match '^### (.+?)( \(Default\))?$') { $page.SyntaxSets.Add($Matches[1]) }
            if ($section -eq 'PARAMETERS' -and $line -match '^### -(\S+)') {
                $parameter = $Matches[1]; $page.Parameters[$parameter] = [Collections.Generic.List[hashtable]]::new()
            }
            elseif ($section -eq 'PARAMETERS' -and $line -match '^### ') { $parameter = $null }
        }
        $page
    }

    function Get-PipelineText($Parameter) {
        $kinds = @(if ($Parameter.ValueFromPipeline) { 'ByValue' }; if ($Parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
        if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
    }
}

Describe 'docs/en-US/<Name>.md' -ForEach $Commands {
    BeforeAll {
        $script:Command = Get-Command $Name
        $script:PagePath = Join-Path $Docs "$Name.md"
        $script:Page = if (Test-Path $PagePath) { Read-HelpPage $PagePath }
        $script:SetNames = @($Command.ParameterSets.Name)
    }

    It 'exists' {
        Test-Path $PagePath | Should -BeTrue -Because "every cmdlet needs $PagePath (./build.ps1 -Task UpdateHelp writes a skeleton)"
    }

    It 'documents the parameter sets of the cmdlet' {
        if ($SetNames.Count -gt 1) {
            @($Page.SyntaxSets | Sort-Object) | Should -Be @($SetNames | Sort-Object) -Because "the ### headings under ## SYNTAX of $PagePath name the parameter sets"
        }
        else {
            $Page.SyntaxSets | Should -BeNullOrEmpty -Because "$PagePath documents a cmdlet with a single parameter set"
        }
    }

    It 'documents every parameter and no other' {
        $compiled = @($Command.Parameters.Keys | Where-Object { $_ -notin $Common } | Sort-Object)
        $documented = @($Page.Parameters.Keys | Sort-Object)
        $missing = $compiled | Where-Object { $_ -notin $documented }
        $unknown = $documented | Where-Object { $_ -notin $compiled }
        $missing | Should -BeNullOrEmpty -Because "$PagePath must document these parameters of $Name"
        $unknown | Should -BeNullOrEmpty -Because "$PagePath documents parameters that $Name does not have"
    }

    It 'gives each parameter the type, sets, aliases, mandatory, position and pipeline input it has' {
        $mismatches = foreach ($parameterName in $Page.Parameters.Keys) {
            $metadata = $Command.Parameters[$parameterName]
            if (-not $metadata) { continue }
            $inSets = @($Command.ParameterSets | Where-Object { $_.Parameters.Name -contains $parameterName } | ForEach-Object Name)
            $covered = @()
            foreach ($block in $Page.Parameters[$parameterName]) {
                $where = "${PagePath}:$($block.Line) (-$parameterName)"
                # Help names a Nullable<T> parameter by T, as PlatyPS does.
                $parameterType = [Nullable]::GetUnderlyingType($metadata.ParameterType) ?? $metadata.ParameterType
                $type = if ($metadata.SwitchParameter) { 'SwitchParameter' } else { $parameterType.Name }
                if ($block['Type'] -ne $type) { "${where}: Type is '$($block['Type'])', the cmdlet says '$type'" }
                $aliases = @($block['Aliases'] -split ',' | ForEach-Object Trim | Where-Object { $_ })
                if ((@($aliases | Sort-Object) -join ',') -ne (@($metadata.Aliases | Sort-Object) -join ',')) {
                    "${where}: Aliases are '$($aliases -join ', ')', the cmdlet says '$($metadata.Aliases -join ', ')'"
                }
                $sets = if ($block['Parameter Sets'] -eq '(All)') { $inSets } else { @($block['Parameter Sets'] -split ',' | ForEach-Object Trim) }
                $covered += $sets
                foreach ($set in $sets) {
                    $inSet = ($Command.ParameterSets | Where-Object Name -eq $set).Parameters | Where-Object Name -eq $parameterName
                    if (-not $inSet) { "${where}: the cmdlet has no parameter set '$set' with -$parameterName"; continue }
                    $position = if ($inSet.Position -lt 0) { 'Named' } else { "$($inSet.Position)" }
                    if ($block['Required'] -ne "$($inSet.IsMandatory)") { "${where}: Required is '$($block['Required'])' in set $set, the cmdlet says '$($inSet.IsMandatory)'" }
                    if ($block['Position'] -ne $position) { "${where}: Position is '$($block['Position'])' in set $set, the cmdlet says '$position'" }
                    if ($block['Accept pipeline input'] -ne (Get-PipelineText $inSet)) {
                        "${where}: Accept pipeline input is '$($block['Accept pipeline input'])' in set $set, the cmdlet says '$(Get-PipelineText $inSet)'"
                    }
                }
            }
            if ((@($covered | Sort-Object -Unique) -join ',') -ne (@($inSets | Sort-Object) -join ',')) {
                "${PagePath} (-$parameterName): the yaml blocks cover the sets '$($covered -join ', ')', the cmdlet has -$parameterName in '$($inSets -join ', ')'"
            }
        }
        $mismatches | Should -BeNullOrEmpty
    }
}

Describe 'docs/en-US' {
    It 'has a page for no cmdlet the module lacks' {
        $exported = (Get-Command -Module KmsPowerShell -CommandType Cmdlet).Name
        $pages = Get-ChildItem $Docs -Filter '*-*.md' | Where-Object BaseName -notlike 'about_*' | ForEach-Object BaseName
        $pages | Where-Object { $_ -notin $exported } | Should -BeNullOrEmpty -Because 'a page documents an exported cmdlet'
    }

    It 'lists every cmdlet on the module page' {
        $modulePage = Get-Content -Raw (Join-Path $Docs 'KmsPowerShell.md')
        foreach ($cmdlet in (Get-Command -Module KmsPowerShell -CommandType Cmdlet).Name) {
            $modulePage | Should -Match ([regex]::Escape("### [$cmdlet]($cmdlet.md)")) -Because "docs/en-US/KmsPowerShell.md lists every cmdlet"
        }
        $modulePage | Should -Match "Module Guid: $((Get-Module KmsPowerShell).Guid)"
    }
}
