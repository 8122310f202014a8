# The README's try-it command runs docs/examples/Demo.ps1: it must never rot.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'the demo' {
    It 'runs from start to end on the local KMS in a fresh process' {
        $demo = Join-Path $PSScriptRoot '../../docs/examples/Demo.ps1'
        $run = Invoke-FreshPwsh "& '$demo' -ModulePath '$ModulePath'"
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'Reader decrypts: db-password-123'
        $run.Output | Should -Match 'Done\.'
    }
}
