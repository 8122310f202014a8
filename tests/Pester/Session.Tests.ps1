BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force

    $script:SavedEnvironment = @{}
    function Set-TestEnvironment([hashtable] $Values) {
        foreach ($name in $Values.Keys) {
            if (-not $SavedEnvironment.ContainsKey($name)) { $SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
            [Environment]::SetEnvironmentVariable($name, $Values[$name])
        }
    }
    function Restore-TestEnvironment {
        foreach ($name in @($SavedEnvironment.Keys)) { [Environment]::SetEnvironmentVariable($name, $SavedEnvironment[$name]) }
        $SavedEnvironment.Clear()
    }
    function Write-AwsFiles([string] $Config, [string] $Credentials = '') {
        Set-Content -Path $env:AWS_CONFIG_FILE -Value $Config
        Set-Content -Path $env:AWS_SHARED_CREDENTIALS_FILE -Value $Credentials
    }
}

Describe 'sessions' {
    AfterEach {
        Disconnect-Kms -ErrorAction Ignore
        Restore-TestEnvironment
        Write-AwsFiles ''
    }

    Describe 'Connect-Kms' {
        It 'makes the current session and returns it with -PassThru' {
            $session = Connect-Kms -EndpointUrl $Endpoint -Region eu-west-1 -RetryMode Adaptive -MaxAttempts 5 -Timeout 12 -PassThru
            $session | Should -BeOfType ([KmsPowerShell.KmsSession])
            $session.Region | Should -Be 'eu-west-1'
            $session.RegionSource | Should -Be '-Region'
            $session.RetryMode | Should -Be 'Adaptive'
            $session.MaxAttempts | Should -Be 5
            $session.Timeout | Should -Be ([timespan]::FromSeconds(12))
            $session.CredentialSource | Should -Be 'environment (AWS_ACCESS_KEY_ID)'
            Get-KmsSession | Should -Be $session
        }

        It 'writes nothing without -PassThru' {
            Connect-Kms -EndpointUrl $Endpoint | Should -BeNullOrEmpty
            (Get-KmsSession).EndpointUrl | Should -Be "$Endpoint/"
        }

        It 'takes explicit keys and says so' {
            $session = Connect-Kms -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey -PassThru
            $session.CredentialSource | Should -Be 'parameters'
            Get-KmsKey -ErrorAction Stop | Out-Null
        }

        It 'takes a PSCredential' {
            $secret = ConvertTo-SecureString $SecretKey -AsPlainText -Force
            $credential = [pscredential]::new($AccessKey, $secret)
            $session = Connect-Kms -EndpointUrl $Endpoint -Credential $credential -PassThru
            $session.CredentialSource | Should -Be 'parameters'
            { Get-KmsKey -ErrorAction Stop } | Should -Not -Throw
        }

        It 'changes nothing with -WhatIf' {
            Connect-Kms -EndpointUrl $Endpoint -WhatIf
            Get-KmsSession | Should -BeNullOrEmpty
        }

        It 'reads region and credentials from a profile' {
            Write-AwsFiles "[profile dev]`nregion = eu-central-1`n" "[dev]`naws_access_key_id = $AccessKey`naws_secret_access_key = $SecretKey`n"
            Set-TestEnvironment @{ AWS_REGION = $null }
            $session = Connect-Kms -ProfileName dev -EndpointUrl $Endpoint -PassThru
            $session.Region | Should -Be 'eu-central-1'
            $session.ProfileName | Should -Be 'dev'
            $session.CredentialSource | Should -Match "profile 'dev'"
            { Get-KmsKey -ErrorAction Stop } | Should -Not -Throw
        }

        It 'runs a credential_process profile through the SDK' -Skip:$IsWindows {
            $script = Join-Path ([IO.Path]::GetTempPath()) "kmsps-creds-$PID.sh"
            Set-Content $script "#!/bin/sh`necho '{`"Version`": 1, `"AccessKeyId`": `"$AccessKey`", `"SecretAccessKey`": `"$SecretKey`"}'"
            chmod +x $script
            Write-AwsFiles "[profile process]`nregion = us-east-1`ncredential_process = $script`n"
            try {
                $session = Connect-Kms -ProfileName process -EndpointUrl $Endpoint -PassThru
                $session.CredentialSource | Should -Match 'credential_process'
                { Get-KmsKey -ErrorAction Stop } | Should -Not -Throw
            }
            finally { Remove-Item $script -ErrorAction Ignore }
        }

        It 'assumes the role of an assume-role profile through the SDK''s STS client' -Skip:($env:KMSPS_TEST_BACKEND -ne 'moto') {
            # moto answers STS too; AWS_ENDPOINT_URL_STS keeps the SDK's STS call on this machine.
            Write-AwsFiles "[profile base]`nregion = us-east-1`n[profile admin]`nrole_arn = arn:aws:iam::123456789012:role/kms-admin`nsource_profile = base`nregion = us-east-1`n" "[base]`naws_access_key_id = AKIABASEEXAMPLE`naws_secret_access_key = basesecret`n"
            Set-TestEnvironment @{ AWS_ENDPOINT_URL_STS = $Endpoint }
            $session = Connect-Kms -ProfileName admin -EndpointUrl $Endpoint -PassThru
            $session.CredentialSource | Should -Match 'assume role'
            { Get-KmsKey -ErrorAction Stop } | Should -Not -Throw
        }

        It 'reports a role that cannot be assumed as CredentialsUnavailable, not as a KMS error' {
            Write-AwsFiles "[profile base]`nregion = us-east-1`n[profile admin]`nrole_arn = arn:aws:iam::123456789012:role/kms-admin`nsource_profile = base`nregion = us-east-1`n" "[base]`naws_access_key_id = AKIABASEEXAMPLE`naws_secret_access_key = basesecret`n"
            Set-TestEnvironment @{ AWS_ENDPOINT_URL_STS = "http://127.0.0.1:$(Get-ClosedLoopbackPort)" }
            Connect-Kms -ProfileName admin -EndpointUrl $Endpoint -MaxAttempts 1
            $failure = { Get-KmsKey -ErrorAction Stop } | Should -Throw -ErrorId 'CredentialsUnavailable,KmsPowerShell.Commands.Keys.GetKmsKeyCommand' -PassThru
            $failure.Exception.Message | Should -Match "profile 'admin'"
            $failure.Exception.InnerException.Message | Should -Match 'AssumeRole'
        }

        It 'honours AWS_USE_FIPS_ENDPOINT as the SDK does' {
            Set-TestEnvironment @{ AWS_USE_FIPS_ENDPOINT = 'true' }
            (Connect-Kms -Region us-east-1 -PassThru).UseFipsEndpoint | Should -BeTrue
            (Connect-Kms -Region us-east-1 -UseFipsEndpoint:$false -PassThru).UseFipsEndpoint | Should -BeFalse
        }

        Context 'bad settings fail at once with one clear error' {
            It 'refuses -<Switch> with -Local, which has no such endpoint' -ForEach @(@{ Switch = 'UseFipsEndpoint' }, @{ Switch = 'UseDualStackEndpoint' }) {
                $switches = @{ $Switch = $true }
                { Connect-Kms -Local @switches } | Should -Throw -ErrorId 'AmbiguousParameterSet,KmsPowerShell.Commands.Session.ConnectKmsCommand'
            }

            It 'refuses an invalid region name' {
                { Connect-Kms -Region 'Virginia' } | Should -Throw -ErrorId 'RegionInvalid,KmsPowerShell.Commands.Session.ConnectKmsCommand'
            }

            It 'refuses an unknown profile and keeps the SDK''s exception inside' {
                $failure = { Connect-Kms -ProfileName 'no-such-profile' } | Should -Throw -ErrorId 'ProfileNotFound,KmsPowerShell.Commands.Session.ConnectKmsCommand' -PassThru
                $failure.Exception.Message | Should -Match "no-such-profile"
                $failure.Exception.InnerException | Should -Not -BeNullOrEmpty
            }

            It 'says how to fix a missing region' {
                Set-TestEnvironment @{ AWS_REGION = $null; AWS_DEFAULT_REGION = $null }
                $failure = { Connect-Kms } | Should -Throw -ErrorId 'RegionMissing,KmsPowerShell.Commands.Session.ConnectKmsCommand' -PassThru
                $failure.Exception.Message | Should -Match 'AWS_REGION'
            }

            It 'says how to fix missing credentials, without probing the instance metadata service' {
                Set-TestEnvironment @{ AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null }
                $elapsed = Measure-Command {
                    $failure = { Connect-Kms -Region us-east-1 } | Should -Throw -ErrorId 'CredentialsMissing,KmsPowerShell.Commands.Session.ConnectKmsCommand' -PassThru
                    $failure.Exception.Message | Should -Match 'Connect-Kms'
                }
                $elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'a missing setting is reported at once, never after a network timeout'
            }

            It 'refuses http to another machine unless -AllowInsecureEndpoint' {
                { Connect-Kms -EndpointUrl 'http://192.0.2.10:8080' } | Should -Throw -ErrorId 'EndpointInsecure,KmsPowerShell.Commands.Session.ConnectKmsCommand'
                $session = Connect-Kms -EndpointUrl 'http://192.0.2.10:8080' -AllowInsecureEndpoint -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
                $session.EndpointUrl | Should -Be 'http://192.0.2.10:8080/'
                $warnings | Should -Match 'clear text'
            }

            It 'reports an unreachable endpoint within the timeout, with the SDK''s exception inside' {
                $port = Get-ClosedLoopbackPort
                Connect-Kms -EndpointUrl "http://127.0.0.1:$port" -MaxAttempts 1 -Timeout 5
                $failure = { Get-KmsKey -ErrorAction Stop } | Should -Throw -ErrorId 'EndpointUnreachable,KmsPowerShell.Commands.Keys.GetKmsKeyCommand' -PassThru
                $failure.Exception.InnerException | Should -Not -BeNullOrEmpty
                $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
            }

            It 'reports rejected credentials with their own ErrorId' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
                # moto checks no signature; the local KMS does.
                Connect-Kms -EndpointUrl $Endpoint -AccessKey AKIAWRONGEXAMPLE -SecretKey wrong
                { Get-KmsKey -ErrorAction Stop } | Should -Throw -ErrorId 'CredentialsRejected,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            }
        }
    }

    Describe 'the default session' {
        BeforeEach {
            # Earlier tests (and test files) used the local KMS, which keeps the chain out until a Connect-Kms to AWS.
            Connect-Kms -EndpointUrl $Endpoint
            Disconnect-Kms
        }

        It 'is built from the standard AWS chain by the first cmdlet' {
            Set-TestEnvironment @{ AWS_ENDPOINT_URL_KMS = $Endpoint }
            Get-KmsSession | Should -BeNullOrEmpty
            { Get-KmsKey -ErrorAction Stop } | Should -Not -Throw
            $session = Get-KmsSession
            $session.RegionSource | Should -Be 'AWS_REGION'
            $session.EndpointUrl | Should -Be "$Endpoint/"
        }

        It 'says which source won in verbose output' {
            Set-TestEnvironment @{ AWS_ENDPOINT_URL = $Endpoint }
            $verbose = Get-KmsKey -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose -join "`n") | Should -Match 'Region us-east-1 from AWS_REGION'
            ($verbose -join "`n") | Should -Match 'Credentials from environment'
        }
    }

    Describe 'Get-KmsKey -Session' {
        It 'uses the session given instead of the current one' {
            $other = Connect-Kms -EndpointUrl $Endpoint -Region us-west-2 -PassThru -WhatIf:$false
            Connect-Kms -EndpointUrl "http://127.0.0.1:$(Get-ClosedLoopbackPort)" -MaxAttempts 1
            { Get-KmsKey -Session $other -ErrorAction Stop } | Should -Not -Throw
            $other.Dispose()
        }
    }

    Describe 'Disconnect-Kms' {
        It 'closes the current session' {
            $session = Connect-Kms -EndpointUrl $Endpoint -PassThru
            Disconnect-Kms
            Get-KmsSession | Should -BeNullOrEmpty
            $session.IsClosed | Should -BeTrue
        }

        It 'makes a closed session an error, not a crash' {
            $session = Connect-Kms -EndpointUrl $Endpoint -PassThru
            Disconnect-Kms
            { Get-KmsKey -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'SessionClosed,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
        }
    }
}

Describe 'Connect-Kms -Local' {
    AfterEach {
        Disconnect-Kms -ErrorAction Ignore
    }

    It 'needs no AWS account, settings or network' {
        $session = Connect-Kms -Local -PassThru
        $session.IsLocal | Should -BeTrue
        $session.Region | Should -Be 'us-east-1'
        $session.CredentialSource | Should -Match 'local KMS'
        $key = New-KmsKey -Description 'pester local'
        (Get-KmsKey -KeyId $key.KeyId).Description | Should -Be 'pester local'
        Protect-KmsData -KeyId $key.KeyId -Value 'x' | Unprotect-KmsData -AsPlainText | Should -Be 'x'
    }

    It 'shares its keys with the local server of this process' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
        Connect-Kms -Local
        $key = New-KmsKey -Description 'pester shared'
        (Invoke-Aws kms describe-key --key-id $key.KeyId).KeyMetadata.Description | Should -Be 'pester shared'
    }

    It 'keeps keys in a state file across processes' {
        $state = Join-Path $TestDrive 'kms-state.json'
        $run = Invoke-FreshPwsh "Import-Module '$ModulePath'; Connect-Kms -Local -LocalStatePath '$state'; (New-KmsKey -Description 'persisted' -Alias alias/persisted).KeyId"
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $keyId = ($run.Output -split "`n" | Where-Object { $_ -match '^[0-9a-f-]{36}\s*$' }).Trim()
        $again = Invoke-FreshPwsh "Import-Module '$ModulePath'; Connect-Kms -Local -LocalStatePath '$state'; (Get-KmsKey -KeyId alias/persisted).KeyId"
        $again.ExitCode | Should -Be 0 -Because $again.Output
        $again.Output.Trim() | Should -Be $keyId
    }

    It 'reports a state file it cannot read with one clear error' {
        $state = Join-Path $TestDrive 'broken.json'
        Set-Content $state '{ this is not json'
        { Connect-Kms -Local -LocalStatePath $state } | Should -Throw -ErrorId 'LocalStateUnavailable,KmsPowerShell.Commands.Session.ConnectKmsCommand'
    }

    It 'lets a second principal in only through a grant' {
        Connect-Kms -Local
        $key = New-KmsKey -Description 'pester principal B'
        $principal = Add-KmsLocalPrincipal -PrincipalArn "arn:aws:iam::111122223333:role/pester-b-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $other = Connect-Kms -Local -AccessKey $principal.AccessKeyId -SecretKey $principal.SecretAccessKey -PassThru
        Protect-KmsData -Session $other -KeyId $key.Arn -Value 'x' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        Connect-Kms -Local
        $grant = $key | New-KmsGrant -GranteePrincipal $principal.PrincipalArn -Operation Encrypt, Decrypt -EncryptionContextSubset @{ app = 'pester' }
        $ciphertext = Protect-KmsData -Session $other -KeyId $key.Arn -Value 'x' -EncryptionContext @{ app = 'pester' } -GrantToken $grant.GrantToken
        Unprotect-KmsData -Session $other -Ciphertext $ciphertext -EncryptionContext @{ app = 'pester' } -AsPlainText | Should -Be 'x'
        Protect-KmsData -Session $other -KeyId $key.Arn -Value 'x' -EncryptionContext @{ app = 'other' } -ErrorAction SilentlyContinue -ErrorVariable refused | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        $grant | Revoke-KmsGrant -Force
        Protect-KmsData -Session $other -KeyId $key.Arn -Value 'x' -EncryptionContext @{ app = 'pester' } -ErrorAction SilentlyContinue -ErrorVariable revoked | Should -BeNullOrEmpty
        $revoked[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        $other.Dispose()
    }

    It 'deletes a key once the window has passed on the local clock' {
        Connect-Kms -Local
        $key = New-KmsKey -Description 'pester clock'
        $key | Remove-KmsKey -PendingWindowInDays 7 -Force -WarningAction SilentlyContinue
        Set-KmsLocalClock -Advance (New-TimeSpan -Days 8)
        Get-KmsKey -KeyId $key.KeyId -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
    }
}

Describe 'Connect-Kms -Region with a name it does not know' {
    AfterAll { Connect-TestKms }

    It 'warns with the closest known region and still connects' {
        Connect-Kms -EndpointUrl $Endpoint -Region eu-wst-1 -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match 'eu-wst-1 is not a region KmsPowerShell knows; did you mean eu-west-1\?'
        (Get-KmsSession).Region | Should -Be 'eu-wst-1'
    }

    It 'says nothing for a known region' {
        Connect-Kms -EndpointUrl $Endpoint -Region eu-west-1 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
    }
}
