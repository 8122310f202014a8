# Pipelines that mix values and files: every output and error comes in the order of its input.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester pipeline order'

    function New-TestFile([string] $Name) {
        $path = Join-Path $TestDrive $Name
        Set-Content -Path $path -Value "contents of $Name"
        Get-Item $path
    }

    function Get-Kinds([object[]] $Output) {
        foreach ($item in $Output) {
            if ($item -is [Management.Automation.ErrorRecord]) { "error:$($item.FullyQualifiedErrorId -replace ',.*')" }
            elseif ($item -is [IO.FileInfo]) { "file:$($item.Name)" }
            else { "value" }
        }
    }
}

Describe 'values and files in one pipeline' {
    It 'Protect-KmsData writes the ciphertexts of values and the files it writes in input order, errors in their place' {
        $first = New-TestFile 'first.txt'
        $second = New-TestFile 'second.txt'
        $output = 'a', $first, 12345, $second, 'b' | Protect-KmsData -KeyId $Key.KeyId -ErrorAction Continue 2>&1
        Get-Kinds $output | Should -Be @('value', 'file:first.txt.encrypted', 'error:ValueTypeInvalid', 'file:second.txt.encrypted', 'value')
    }

    It 'Unprotect-KmsData writes plaintexts and decrypted files in input order' {
        $message = Protect-KmsData -KeyId $Key.KeyId -Path (New-TestFile 'third.txt').FullName
        Remove-Item (Join-Path $TestDrive 'third.txt')
        $one, $two = 'one', 'two' | Protect-KmsData -KeyId $Key.KeyId
        $output = $one, $message, $two | Unprotect-KmsData -KeyId $Key.Arn -AsPlainText
        Get-Kinds $output | Should -Be @('value', 'file:third.txt', 'value')
        $output[0], $output[2] | Should -Be @('one', 'two')
    }
}
