BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $suffix = [guid]::NewGuid().ToString('n').Substring(0, 8)
    $script:AliasName = "alias/pester-complete-$suffix"
    $script:Key = New-TestKey -Description 'pester completion' -Alias $AliasName

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'tab completion' {
    It 'completes alias names and key ids for -KeyId' {
        Get-Completion "Get-KmsKey -KeyId alias/pester-complete-$($AliasName.Substring(22, 4))" | Should -Be @($AliasName)
        Get-Completion "Get-KmsKey -KeyId $($Key.KeyId.Substring(0, 13))" | Should -Contain $Key.KeyId
    }

    It 'completes alias names without the prefix for -Alias' {
        Get-Completion "Get-KmsKey -Alias pester-complete-$($AliasName.Substring(22, 4))" | Should -Be @($AliasName.Substring(6))
    }

    It 'completes region names' {
        $regions = Get-Completion 'Connect-Kms -Region eu-west-'
        $regions | Should -Contain 'eu-west-1'
        $regions | ForEach-Object { $_ | Should -BeLike 'eu-west-*' }
    }

    It 'completes nothing, quickly, when there is no session' {
        Disconnect-Kms
        try { Get-Completion 'Get-KmsKey -KeyId alias/' | Should -BeNullOrEmpty }
        finally { Connect-TestKms }
    }
}
