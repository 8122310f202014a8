# The package as a user gets it: published to a file repository with PSResourceGet, installed by name into a
# module path of its own, imported by name in a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Work = Join-Path $env:KMSPS_TEST_SANDBOX "package-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:Repository = Join-Path $Work 'repository'
    $script:Modules = Join-Path $Work 'modules'
    $publisher = Join-Path $PSScriptRoot '../../tools/Publish-ModulePackage.ps1'
    $published = & $Pwsh -NoProfile -NonInteractive -File $publisher -ModuleFolder (Split-Path $ModulePath) -OutputFolder $Repository 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Publishing failed: $($published | Out-String)" }
    $script:Package = Get-ChildItem $Repository -Filter '*.nupkg' | Select-Object -First 1

    # PSResourceGet keeps its repositories per user: on Linux and macOS a private data folder keeps the user's list untouched.
    $script:Install = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
# The folder must exist: .NET ignores a data folder that does not, and PSResourceGet would write beside the working folder.
if (-not `$IsWindows) { `$env:XDG_DATA_HOME = (New-Item -ItemType Directory -Force '$(Join-Path $Work 'data')').FullName }
Register-PSResourceRepository -Name KmsPsTest$PID -Uri '$Repository' -Trusted
New-Item -ItemType Directory -Force '$Modules' | Out-Null
try {
    Save-PSResource -Name KmsPowerShell -Repository KmsPsTest$PID -Path '$Modules' -TrustRepository
    # Finds a module by a command it exports, from the PSCommand_ tags: as a user searching the gallery would.
    `$found = Find-PSResource -CommandName Get-KmsKey -Repository KmsPsTest$PID
    "FoundByCommand: `$(@(`$found.ParentResource.Name) -join ',')"
}
finally { Unregister-PSResourceRepository -Name KmsPsTest$PID }
"@
    $script:Imported = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$Modules'
Import-Module KmsPowerShell
[pscustomobject]@{
    ModuleBase = (Get-Module KmsPowerShell).ModuleBase
    Commands   = @((Get-Command -Module KmsPowerShell).Name)
    Synopsis   = (Get-Help Get-KmsKey).Synopsis
    About      = (Get-Help about_KmsPowerShell | Out-String)
} | ConvertTo-Json -Compress
"@
}

AfterAll {
    Remove-Item $Work -Recurse -Force -ErrorAction Ignore
}

Describe 'the package' {
    It 'is a nupkg named after the module and version' {
        $version = Split-Path (Split-Path $ModulePath) -Leaf
        $Package.Name | Should -Be "KmsPowerShell.$version.nupkg"
    }

    It 'holds the manifest, assemblies, format file, dependencies and help' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package.FullName)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($file in 'KmsPowerShell.psd1', 'KmsPowerShell.dll', 'KmsPowerShell.Model.dll', 'KmsPowerShell.Format.ps1xml',
            'en-US/KmsPowerShell.dll-Help.xml', 'en-US/about_KmsPowerShell.help.txt', 'dependencies/KmsPowerShell.Engine.dll', 'dependencies/KmsPowerShell.LocalKms.dll', 'dependencies/AWSSDK.Core.dll') {
            $entries | Should -Contain $file
        }
        $entries | Should -Contain 'KmsPowerShell.nuspec'
    }

    It 'carries this version''s release notes and a gallery tag for every exported command' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package.FullName)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('KmsPowerShell.nuspec').Open())
            try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $version = Split-Path (Split-Path $ModulePath) -Leaf
        $nuspec.package.metadata.releaseNotes | Should -Match "^KmsPowerShell $([regex]::Escape($version))\b"
        $tags = $nuspec.package.metadata.tags -split ' '
        $tags | Should -Contain 'PSEdition_Core'
        $tags | Should -Contain 'PSIncludes_Cmdlet'
        $exported = (Import-PowerShellDataFile $ModulePath).CmdletsToExport
        $exported.Count | Should -BeGreaterThan 40
        foreach ($name in $exported) {
            $tags | Should -Contain "PSCommand_$name"
            $tags | Should -Contain "PSCmdlet_$name"
        }
    }

    It 'lists every shipped file, help and format file included, in the manifest FileList' {
        $manifest = Import-PowerShellDataFile $ModulePath
        $manifest.FileList | Should -Contain 'en-US/KmsPowerShell.dll-Help.xml'
        $manifest.FileList | Should -Contain 'en-US/about_KmsPowerShell.help.txt'
        $manifest.FileList | Should -Contain 'KmsPowerShell.Format.ps1xml'
        $shipped = Get-ChildItem (Split-Path $ModulePath) -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath((Split-Path $ModulePath), $_.FullName).Replace('\', '/') }
        @($manifest.FileList | Sort-Object) | Should -Be @($shipped | Sort-Object)
    }

    It 'installs by name from a file repository' {
        $Install.ExitCode | Should -Be 0 -Because $Install.Output
        Join-Path $Modules 'KmsPowerShell/*/KmsPowerShell.psd1' | Should -Exist
    }

    It 'is found by the name of a command it exports' {
        $Install.Output | Should -Match '(?m)^FoundByCommand: KmsPowerShell\s*$'
    }

    It 'imports by name from the module path and runs its commands and help' {
        $Imported.ExitCode | Should -Be 0 -Because $Imported.Output
        $result = $Imported.Output | ConvertFrom-Json
        $result.ModuleBase | Should -BeLike "$Modules*"
        $result.Commands | Should -Contain 'Get-KmsKey'
        $result.Commands | Should -Contain 'Connect-Kms'
        $result.Synopsis | Should -Match 'Gets KMS keys'
        $result.About | Should -Match 'LONG DESCRIPTION'
    }
}
