# The bridge: our AWSSDK lives in a private load context, so another module's AWSSDK.Core (same assembly
# version 4.0.0.0, another build) can be loaded before or after us. Each case runs in a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ForeignCore = $env:KMSPS_TEST_FOREIGN_AWSSDK_CORE
    $script:Pester = Join-Path (Get-Module Pester).ModuleBase 'Pester.psd1'
    $script:Prelude = @"
`$ErrorActionPreference = 'Stop'
function Show-AwsSdkCores {
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object {
        '{0} in {1}' -f `$_.GetCustomAttributes([Reflection.AssemblyFileVersionAttribute], `$false)[0].Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
    }
}
"@
}

Describe 'assembly isolation' {
    It 'has the foreign AWSSDK.Core to load' {
        $ForeignCore | Should -Exist
    }

    It 'passes every Get-KmsKey test with another AWSSDK.Core loaded first' {
        $run = Invoke-FreshPwsh @"
$Prelude
Add-Type -Path '$ForeignCore'
`$env:KMSPS_TEST_VIA_SERVER = '1'
Import-Module '$Pester'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$(Join-Path $PSScriptRoot 'GetKmsKey.Tests.ps1')'
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'None'
`$result = Invoke-Pester -Configuration `$configuration
Show-AwsSdkCores
"passed=`$(`$result.PassedCount) failed=`$(`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount)"
"@
        $run.Output | Should -Match 'passed=[1-9][0-9]* failed=0'
        $run.Output | Should -Match '4\.0\.3\.3 in Default'
        $run.Output | Should -Match 'in KmsPowerShell\.Engine'
        $run.ExitCode | Should -Be 0
    }

    It 'keeps working when another AWSSDK.Core is loaded after it' {
        $run = Invoke-FreshPwsh @"
$Prelude
Import-Module '$ModulePath'
Connect-Kms -EndpointUrl '$Endpoint' -Region us-east-1
`$before = @(Get-KmsKey).Count
Add-Type -Path '$ForeignCore'
`$after = @(Get-KmsKey).Count
Show-AwsSdkCores
"before=`$before after=`$after"
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'before=([1-9][0-9]*) after=\1'
        $run.Output | Should -Match '4\.0\.3\.3 in Default'
    }

    It 'leaves the cmdlet assembly and the model in the default context, and the local KMS in the private one' {
        $run = Invoke-FreshPwsh @"
$Prelude
Import-Module '$ModulePath'
Connect-Kms -EndpointUrl '$Endpoint' -Region us-east-1
Get-KmsKey | Out-Null
Connect-Kms -Local
Get-KmsKey | Out-Null
foreach (`$name in 'KmsPowerShell', 'KmsPowerShell.Model', 'KmsPowerShell.Engine', 'KmsPowerShell.LocalKms', 'AWSSDK.KeyManagementService') {
    `$assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq `$name }
    "`$name=`$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$assembly).Name)"
}
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'KmsPowerShell=Default'
        $run.Output | Should -Match 'KmsPowerShell.Model=Default'
        $run.Output | Should -Match 'KmsPowerShell.Engine=KmsPowerShell.Engine'
        $run.Output | Should -Match 'KmsPowerShell.LocalKms=KmsPowerShell.Engine'
        $run.Output | Should -Match 'AWSSDK.KeyManagementService=KmsPowerShell.Engine'
    }

    It 'loads BouncyCastle (the local KMS''s key wrap) from dependencies/ into the private context' {
        $run = Invoke-FreshPwsh @"
$Prelude
Import-Module '$ModulePath'
Connect-Kms -Local
Get-KmsKey | Out-Null
`$private = [Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'KmsPowerShell.Engine'
`$assembly = `$private.LoadFromAssemblyName([Reflection.AssemblyName]'BouncyCastle.Cryptography')
"BouncyCastle=`$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$assembly).Name)"
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'BouncyCastle=KmsPowerShell.Engine'
    }

    It 'removes and imports again cleanly' {
        $run = Invoke-FreshPwsh @"
$Prelude
Import-Module '$ModulePath'
Connect-Kms -EndpointUrl '$Endpoint' -Region us-east-1
`$first = @(Get-KmsKey).Count
Remove-Module KmsPowerShell
Import-Module '$ModulePath'
Connect-Kms -EndpointUrl '$Endpoint' -Region us-east-1
"first=`$first second=`$(@(Get-KmsKey).Count)"
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'first=([1-9][0-9]*) second=\1'
    }
}
