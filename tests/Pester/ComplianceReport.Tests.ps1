# Export-KmsComplianceReport on findings built here: every format reads back, every value stays text, and the HTML page
# works in a real browser (headless Chromium, which build.ps1 -Task Test installs in CI). Backend-free: no KMS call.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force

    # The report's clock, fixed so that the time it states can be asserted.
    Invoke-Expression @'
class FixedClock : System.TimeProvider {
    [DateTimeOffset] $At
    FixedClock([DateTimeOffset] $at) { $this.At = $at }
    [DateTimeOffset] GetUtcNow() { return $this.At }
}
'@
    $script:ClockProperty = [KmsPowerShell.Commands.Compliance.ExportKmsComplianceReportCommand].GetProperty('Time', [Reflection.BindingFlags]'NonPublic, Static')
    $ClockProperty.SetValue($null, [FixedClock]::new([DateTimeOffset]'2026-12-01T10:00:00Z'))

    function New-Finding([hashtable] $Values) {
        $defaults = @{
            Account = '111122223333'; Region = 'us-east-1'; CheckId = 'RotationDisabled'; Severity = 'Medium'
            Title = 'Automatic key rotation is not enabled'; Problem = 'Rotation is off.'; Evidence = 'KeyRotationEnabled = false'
            ObservedAt = [DateTimeOffset]'2026-12-01T09:59:00Z'
        }
        foreach ($name in $Values.Keys) { $defaults[$name] = $Values[$name] }
        [KmsPowerShell.KmsComplianceFinding]$defaults
    }
    $arguments = [Collections.Generic.Dictionary[string, string]]::new()
    $arguments['RotationPeriodInDays'] = '365'
    # What an attacker who may write a key policy or an alias can put into a finding.
    $script:Hostile = @{
        Alias = 'alias/x"><script>alert(1)</script>'
        Problem = 'Anyone may "decrypt" | <b>bold</b> & [a link](https://example.com/) *stars* www.example.org a@example.net'
        Evidence = "{`n  `"Principal`": `"*`",`r`n  `"Sid`": `"</pre><script>alert('x')</script>`"`n}"
        Remediation = "Set-KmsKeyPolicy -KeyId 'k' -Policy `"{ \`"a\`": 1 }`" | Out-Null"
    }
    $script:Findings = @(
        New-Finding @{ KeyId = '1234abcd-0000-0000-0000-000000000001'; KeyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-0000-0000-0000-000000000001'
            Alias = 'alias/app'; SecurityHubControl = 'KMS.4'; CisControl = 'CIS AWS Foundations 3.6'; Remediation = "Enable-KmsKeyRotation -KeyId 'alias/app'"
            Fix = [KmsPowerShell.KmsComplianceFix]::new('EnableKeyRotation', $arguments, $false) }
        New-Finding @{ Account = '444455556666'; Region = 'eu-west-1'; KeyId = '1234abcd-0000-0000-0000-000000000002'; CheckId = 'PolicyAllowsAnyone'
            Severity = 'Critical'; Title = 'The key policy allows anyone'; SecurityHubControl = 'KMS.5'; ProfileName = 'audit'
            RoleArn = 'arn:aws:iam::444455556666:role/Audit'; Alias = $Hostile.Alias; Problem = $Hostile.Problem; Evidence = $Hostile.Evidence
            Remediation = $Hostile.Remediation }
        New-Finding @{ Region = 'eu-west-1'; KeyId = '1234abcd-0000-0000-0000-000000000003'; CheckId = 'PendingDeletion'; Severity = 'Critical'; Title = 'The key is pending deletion'
            Remediation = 'Undo-KmsKeyRemoval -KeyId "k`t" # ``two`` backticks' }
        New-Finding @{ Region = 'ap-south-1'; CustomKeyStoreId = 'cks-1234567890abcdef0'; CheckId = 'KeyStoreNotConnected'; Severity = 'High'; Title = 'The custom key store is not connected' }
        New-Finding @{ Account = '444455556666'; KeyId = '1234abcd-0000-0000-0000-000000000005'; CheckId = 'MissingTag'; Severity = 'Low'; Title = 'The key has no Owner tag' }
    )
    # Every field a finding has, as the CSV and JSON forms name them.
    $script:Fields = 'Account', 'Region', 'ProfileName', 'RoleArn', 'KeyId', 'KeyArn', 'Alias', 'CustomKeyStoreId', 'CheckId', 'Severity',
        'Title', 'Problem', 'Evidence', 'Remediation', 'SecurityHubControl', 'CisControl'
    $script:Folder = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "kmsps-report-$([guid]::NewGuid().ToString('n'))")

    $script:Chromium = if ($env:KMSPS_CHROMIUM) { $env:KMSPS_CHROMIUM } else {
        (Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction Ignore | Select-Object -First 1).Source
    }
    if (-not $Chromium -and $env:CI -eq 'true') { throw 'Chromium is mandatory in CI: build.ps1 -Task Test installs it (apt-get install chromium).' }
    # Headless, with a throwaway profile, no background traffic and no name resolution: nothing leaves the machine.
    function Invoke-Chromium([string[]] $Arguments) {
        $profile = Join-Path $Folder "chromium-$([guid]::NewGuid().ToString('n'))"
        $common = '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--disable-extensions',
            '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND',
            "--user-data-dir=$profile", '--enable-logging=stderr', '--v=0'
        $errors = Join-Path $Folder 'chromium.err'
        $output = & $Chromium @common @Arguments 2>$errors
        $script:BrowserConsole = @(Get-Content $errors | Where-Object { $_ -match 'CONSOLE' })
        $output -join "`n"
    }
    function Get-Rows([string] $Dom) {
        [regex]::Matches($Dom, '<tr data-order="\d+" data-severity="[^"]*"(?<hidden> hidden(="")?)?>(?<cells>.*?)</tr>', 'Singleline') | ForEach-Object {
            $cells = [regex]::Matches($_.Groups['cells'].Value, '<td[^>]*>(.*?)</td>', 'Singleline') | ForEach-Object { $_.Groups[1].Value }
            [pscustomobject]@{ Hidden = $_.Groups['hidden'].Success; Check = ($cells[1] -replace '<span.*$', ''); Account = $cells[2] }
        }
    }
}

AfterAll {
    $ClockProperty.SetValue($null, [TimeProvider]::System)
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'Export-KmsComplianceReport' {
    Context 'HTML' {
        BeforeAll {
            $script:HtmlFile = $Findings | Export-KmsComplianceReport -Path (Join-Path $Folder 'report.html') -Title 'Audit <Q4> & "all"'
            $script:Html = Get-Content -Raw $HtmlFile.FullName
        }

        It 'writes the file it returns, and says when and from what it was made' {
            $HtmlFile | Should -BeOfType [IO.FileInfo]
            $HtmlFile.FullName | Should -Be (Join-Path $Folder 'report.html')
            $Html | Should -Match '<!DOCTYPE html>'
            $Html | Should -Match ([regex]::Escape('Made 2026-12-01 10:00:00 UTC from 5 findings about 5 keys or key stores in 2 accounts and 3 regions.'))
            $Html | Should -Match ([regex]::Escape('<title>Audit &lt;Q4&gt; &amp; &quot;all&quot;</title>'))
        }

        It 'escapes every value: policy text an attacker wrote stays text' {
            # The page's own script is its only script element; the hostile values appear only escaped.
            ([regex]::Matches($Html, '<script')).Count | Should -Be 1
            $Html | Should -Not -Match '<b>bold'
            $Html | Should -Match ([regex]::Escape('alias/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'))
            $Html | Should -Match ([regex]::Escape('&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;'))
            $Html | Should -Match ([regex]::Escape('Anyone may &quot;decrypt&quot; | &lt;b&gt;bold&lt;/b&gt; &amp; [a link]'))
        }

        It 'refers to nothing outside itself, and forbids loading anything' {
            # Not a finding's own text (escaped, not a reference), nor the policy's hashes (base64 may hold //).
            $withoutValues = $Html.Replace('https://example.com/', '') -replace '<meta http-equiv="Content-Security-Policy"[^>]*>', ''
            $withoutValues | Should -Not -Match '(?i)https?:|//[a-z0-9]|\b(src|href|action|srcset|xlink:href)\s*=|url\(|@import'
            $Html | Should -Match '<meta http-equiv="Content-Security-Policy" content="default-src ''none''; style-src ''sha256-[^'']+''; script-src ''sha256-[^'']+'''
        }

        It 'has a summary per account and region, bar charts by severity and by check, and a row per finding' {
            $Html | Should -Match '<tr><td>111122223333</td><td>ap-south-1</td><td class="count">0</td><td class="count">1</td>'
            $Html | Should -Match '<tr class="total"><td>All</td><td></td><td class="count">2</td><td class="count">1</td><td class="count">1</td><td class="count">1</td><td class="count">0</td><td class="count">5</td>'
            ([regex]::Matches($Html, '<svg class="chart" id="chart-severity".*?</svg>', 'Singleline').Value | Select-String '<rect' -AllMatches).Matches.Count | Should -Be 5
            $Html | Should -Match '<g class="bar" data-label="Critical" data-count="2">'
            ([regex]::Matches($Html, '<svg class="chart" id="chart-check".*?</svg>', 'Singleline').Value | Select-String '<rect' -AllMatches).Matches.Count | Should -Be 5
            (Get-Rows $Html).Count | Should -Be 5
            (Get-Rows $Html)[0].Check | Should -Be 'PendingDeletion' -Because 'the table starts worst first'
        }

        It 'says "No findings" when there are none' {
            $empty = @() | Export-KmsComplianceReport -Path (Join-Path $Folder 'empty.htm')
            $text = Get-Content -Raw $empty.FullName
            $text | Should -Match '<p class="none" id="no-findings">No findings.</p>'
            $text | Should -Match 'from 0 findings'
            $text | Should -Not -Match '<table'
        }
    }

    Context 'HTML in a browser' {
        BeforeAll {
            $script:PageUri = [uri]::new((Join-Path $Folder 'browser.html')).AbsoluteUri
            $Findings | Export-KmsComplianceReport -Path (Join-Path $Folder 'browser.html')
        }
        BeforeEach {
            if (-not $Chromium) { Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium; build.ps1 -Task Test installs it in CI)' }
        }

        It 'runs its script without errors, and sorts and filters as the address asks (#<Hash>)' -ForEach @(
            @{ Hash = 'sort=check'; Key = 'check'; Order = 'ascending'; Property = 'Check'; Descending = $false; Shown = 5 }
            @{ Hash = 'sort=-account&severity=Critical&filter=anyone'; Key = 'account'; Order = 'descending'; Property = 'Account'; Descending = $true; Shown = 1 }
        ) {
            $dom = Invoke-Chromium '--dump-dom', "$PageUri#$Hash"
            $BrowserConsole | Should -BeNullOrEmpty -Because 'the page logs nothing: no script error, no blocked load'
            $dom | Should -Match '<html lang="en" data-ready="true">'
            $dom | Should -Match "<table id=`"findings-table`" data-sorted-by=`"$(if ($Descending) { '-' })$Key`">"
            $dom | Should -Match "<th data-key=`"$Key`" aria-sort=`"$Order`">"
            $dom | Should -Match '<th data-key="severity" aria-sort="none">'
            $rows = @(Get-Rows $dom)
            $rows.Count | Should -Be 5
            $values = @($rows.$Property)
            $values | Should -Be @($values | Sort-Object -CaseSensitive -Descending:$Descending)
            $values | Select-Object -Unique | Should -HaveCount ($Property -eq 'Check' ? 5 : 2)
            $dom | Should -Match "<span id=`"shown`" aria-live=`"polite`">$Shown of 5 shown</span>"
            $visible = @($rows | Where-Object { -not $_.Hidden })
            $visible.Count | Should -Be $Shown
            if ($Shown -eq 1) { $visible[0].Check | Should -Be 'PolicyAllowsAnyone' }
            $dom | Should -Match '<rect class="sev-critical"'
        }

        It 'renders to a screenshot' {
            $shot = Join-Path $Folder 'report.png'
            $null = Invoke-Chromium "--screenshot=$shot", '--window-size=1280,1400', $PageUri
            $BrowserConsole | Should -BeNullOrEmpty
            $bytes = [IO.File]::ReadAllBytes($shot)
            $bytes.Length | Should -BeGreaterThan 20000 -Because 'a blank page compresses to a few hundred bytes'
            $bytes[1..3] | Should -Be ([Text.Encoding]::ASCII.GetBytes('PNG'))
        }
    }

    Context 'markdown' {
        It 'renders as tables whose cells read back as the values, one row per finding' {
            $file = $Findings | Export-KmsComplianceReport -Path (Join-Path $Folder 'report.md')
            $markdown = Get-Content -Raw $file.FullName
            $markdown | Should -Match ([regex]::Escape('Made 2026-12-01 10:00:00 UTC from 5 findings'))
            $table = ($markdown -split '## Findings')[1].Trim() -split "`n"
            $table.Count | Should -Be 7 -Because 'a header, a rule and a line per finding: line breaks in values stay in their row'
            $html = (ConvertFrom-Markdown -InputObject $markdown).Html
            $html | Should -Not -Match '<script|<b>|<a |<em>'
            $findingsTable = ($html -split '<h2 id="findings">')[1]
            $rows = [regex]::Matches($findingsTable, '<tr>\s*(<td>.*?</td>\s*){10}</tr>', 'Singleline')
            $rows.Count | Should -Be 5
            foreach ($row in $rows) {
                $cells = [regex]::Matches($row.Value, '<td>(.*?)</td>', 'Singleline') | ForEach-Object {
                    [Net.WebUtility]::HtmlDecode(($_.Groups[1].Value -replace '<br\s*/?>', "`n" -replace '</?code>', ''))
                }
                $finding = $Findings | Where-Object CheckId -eq $cells[1]
                $cells[5] | Should -BeExactly $finding.Problem
                $cells[6] | Should -BeExactly ($finding.Evidence -replace "`r`n", "`n")
                $cells[7] | Should -BeExactly ([string]$finding.Remediation)
                if ($finding.Alias) { $cells[4] | Should -BeExactly "$($finding.Alias) ($($finding.KeyId))" }
            }
        }

        It 'says "No findings" when there are none' {
            $file = @() | Export-KmsComplianceReport -Path (Join-Path $Folder 'empty.md')
            Get-Content -Raw $file.FullName | Should -Match "No findings\."
        }
    }

    Context 'CSV' {
        It 'has one row per finding with every field, which Import-Csv reads back' {
            $file = $Findings | Export-KmsComplianceReport -Path (Join-Path $Folder 'report.csv')
            $rows = @(Import-Csv $file.FullName)
            $rows.Count | Should -Be 5
            for ($i = 0; $i -lt 5; $i++) {
                foreach ($field in $Fields) { $rows[$i].$field | Should -BeExactly ([string]$Findings[$i].$field) -Because $field }
                $rows[$i].ObservedAt | Should -Be '2026-12-01T09:59:00.0000000+00:00'
            }
            $rows[0].FixAction | Should -Be 'EnableKeyRotation'
            $rows[0].FixArguments | ConvertFrom-Json | ForEach-Object RotationPeriodInDays | Should -Be '365'
            $rows[0].FixIsPolicyChange | Should -Be 'False'
            (Get-Content -Raw $file.FullName) | Should -Match '^"Account","Region","ProfileName",'
        }
    }

    Context 'JSON' {
        It 'is an array of the findings with every field, which ConvertFrom-Json reads back' {
            $file = $Findings | Export-KmsComplianceReport -Path (Join-Path $Folder 'report.json')
            $text = Get-Content -Raw $file.FullName
            $text | Should -Match '"ObservedAt": "2026-12-01T09:59:00\+00:00"'
            $text | Should -Match '"Severity": "Critical"'
            $items = @($text | ConvertFrom-Json -NoEnumerate)[0]
            $items.Count | Should -Be 5
            for ($i = 0; $i -lt 5; $i++) {
                foreach ($field in $Fields) { $items[$i].$field | Should -BeExactly $Findings[$i].$field -Because $field }
            }
            $items[0].Fix.Action | Should -Be 'EnableKeyRotation'
            $items[0].Fix.Arguments.RotationPeriodInDays | Should -Be '365'
            $items[1].Fix | Should -BeNullOrEmpty
        }
    }

    Context 'the file' {
        It 'takes the format from -Format over the extension' {
            $file = $Findings | Export-KmsComplianceReport -Path (Join-Path $Folder 'report.txt') -Format Markdown
            Get-Content -Raw $file.FullName | Should -Match '^# KMS compliance report'
        }

        It 'refuses an extension that names no format, before writing anything' {
            $path = Join-Path $Folder 'report.txt2'
            { $Findings | Export-KmsComplianceReport -Path $path } | Should -Throw -ErrorId 'ReportFormatUnknown,*'
            $path | Should -Not -Exist
        }

        It 'replaces a file as Out-File does: -NoClobber refuses, a read-only file needs -Force and stays read-only' {
            $path = Join-Path $Folder 'replace.json'
            Set-Content $path 'old'
            $Findings | Export-KmsComplianceReport -Path $path -NoClobber -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'DestinationExists,*'
            $refused[0].Exception.Message | Should -Match '-NoClobber'
            Get-Content -Raw $path | Should -Be "old$([Environment]::NewLine)"
            Set-ItemProperty $path -Name IsReadOnly -Value $true
            $Findings | Export-KmsComplianceReport -Path $path -ErrorVariable readOnly -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $readOnly[0].FullyQualifiedErrorId | Should -BeLike 'FileAccessDenied,*'
            $Findings | Export-KmsComplianceReport -Path $path -Force | Should -Not -BeNullOrEmpty
            (Get-Content -Raw $path | ConvertFrom-Json -NoEnumerate).Count | Should -Be 5
            (Get-Item $path).IsReadOnly | Should -BeTrue
            Set-ItemProperty $path -Name IsReadOnly -Value $false
            $Findings[0] | Export-KmsComplianceReport -Path $path | Should -Not -BeNullOrEmpty
            (Get-Content -Raw $path | ConvertFrom-Json -NoEnumerate).Count | Should -Be 1
        }

        It 'writes nothing under -WhatIf' {
            $path = Join-Path $Folder 'whatif.html'
            $Findings | Export-KmsComplianceReport -Path $path -WhatIf | Should -BeNullOrEmpty
            $path | Should -Not -Exist
        }
    }
}
