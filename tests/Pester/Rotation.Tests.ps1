BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:OnMoto = $env:KMSPS_TEST_BACKEND -eq 'moto'
}

Describe 'key rotation' {
    BeforeEach {
        $script:Key = New-KmsKey -Description 'pester rotation'
    }

    It 'is off for a new key' {
        $rotation = $Key | Get-KmsKeyRotation
        $rotation | Should -BeOfType ([KmsPowerShell.KmsKeyRotation])
        $rotation.RotationEnabled | Should -BeFalse
    }

    It 'turns on with a period, and off' {
        $on = $Key | Enable-KmsKeyRotation -RotationPeriodInDays 180 -PassThru
        $on.RotationEnabled | Should -BeTrue
        if (-not $OnMoto) { $on.RotationPeriodInDays | Should -Be 180 }  # moto does not keep the period
        ($Key | Disable-KmsKeyRotation -PassThru).RotationEnabled | Should -BeFalse
    }

    It 'refuses a period of <Days> days' -ForEach @(@{ Days = 89 }, @{ Days = 2561 }) {
        { $Key | Enable-KmsKeyRotation -RotationPeriodInDays $Days } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,KmsPowerShell.Commands.Rotation.EnableKmsKeyRotationCommand'
    }

    It 'rotates on demand and lists the rotation' {
        $after = $Key | Invoke-KmsKeyRotation -PassThru
        $after.Rotations.Count | Should -BeGreaterOrEqual 1
        $after.Rotations[-1].RotationType | Should -Be 'ON_DEMAND'
        if ($env:KMSPS_TEST_BACKEND -eq 'local') {
            # Every material, the first one (no rotation date) included, and which one new ciphertexts use.
            $after.KeyMaterials.Count | Should -Be ($after.Rotations.Count + 1)
            $after.KeyMaterials[0].RotationDate | Should -BeNullOrEmpty
            $after.KeyMaterials[-1].KeyMaterialState | Should -Be 'CURRENT'
            $after.KeyMaterials[-1].KeyMaterialId | Should -Not -BeNullOrEmpty
        }
    }
}
