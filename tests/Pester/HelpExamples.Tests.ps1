# The help examples that run on the local KMS (listed in HelpExamples.txt) are run, so they never rot.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Listed = Get-Content (Join-Path $PSScriptRoot 'HelpExamples.txt') | Where-Object { $_ -and -not $_.StartsWith('#') }
}

Describe 'help examples' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    It 'runs every listed example on the local KMS' {
        $list = Join-Path $TestDrive 'examples.txt'
        Set-Content $list $Listed
        $runner = Join-Path $PSScriptRoot 'Invoke-HelpExamples.ps1'
        $docs = Join-Path $PSScriptRoot '../../docs/en-US'
        $run = Invoke-FreshPwsh "& '$runner' -ModulePath '$ModulePath' -Docs '$docs' -Only (Get-Content '$list') | Out-String -Width 4000"
        $results = $run.Output -split "`n" | Where-Object { $_.StartsWith('{') } | ForEach-Object { $_ | ConvertFrom-Json }
        $results.Count | Should -Be $Listed.Count -Because 'every listed example must still exist in the help'
        $failed = $results | Where-Object { -not $_.Ok } | ForEach-Object { "$($_.Example): $($_.Error)" }
        $failed | Should -BeNullOrEmpty
    }
}
