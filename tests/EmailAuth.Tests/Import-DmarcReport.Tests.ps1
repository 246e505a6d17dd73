BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Reports = Join-Path $RepoRoot 'samples' 'reports'
    $Hostile = Join-Path $RepoRoot 'tests' 'Fixtures' 'reports' 'hostile'
    $SesZone = Join-Path $RepoRoot 'samples' 'amazonses.com.zone'
    $Scratch = Join-Path ([IO.Path]::GetTempPath()) "emailauth-dmarcimport-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory $Scratch | Out-Null
}

AfterAll {
    Remove-Item -Recurse -Force $Scratch -ErrorAction SilentlyContinue
}

Describe 'Import-DmarcReport' {
    It 'writes one DmarcReportRecord per row of an RFC 7489 report, with the derived fields' {
        $rows = Import-DmarcReport (Join-Path $Reports 'example.com-google.com-rfc7489.xml')
        $rows | Should -HaveCount 5
        $rows[0] | Should -BeOfType ([EmailAuth.Core.Reports.Dmarc.DmarcReportRecord])
        $rows.OrgName | Select-Object -Unique | Should -Be 'google.com'
        $rows.PolicyDomain | Select-Object -Unique | Should -Be 'example.com'
        $rows.SourceIP | Should -Be '192.0.2.10', '2001:db8:1::25', '198.51.100.37', '203.0.113.77', '203.0.113.200'
        $rows.Aligned | Should -Be $true, $true, $true, $false, $false
        $ses = $rows | Where-Object SourceIP -eq '198.51.100.37'
        $ses.SendingService | Should -Be 'Amazon SES'
        $ses.DkimAligned | Should -BeTrue
        $ses.SpfAligned | Should -BeFalse
        ($rows | Measure-Object Count -Sum).Sum | Should -Be 6642
    }

    It 'reads the RFC 9990 schema' {
        $rows = Import-DmarcReport (Join-Path $Reports 'example.com-receiver.example-rfc9990.xml')
        $rows | Should -HaveCount 2
        $rows[0].SchemaVersion | Should -Be '1.0'
        $rows[0].PublishedPolicy.DiscoveryMethod | Should -Be 'treewalk'
        $rows[0].PublishedPolicy.NonexistentDomainPolicy | Should -Be 'reject'
        $rows[0].EnvelopeTo | Should -Be 'receiver.example'
        $rows[0].DkimResults[0].Selector | Should -Be 'a2hipgad57lm4mi2yhz2nartbnlzgcjn'
    }

    It 'reads gzip, zip entries and report mails, naming each file and entry in verbose output' {
        $r = Invoke-InRunspace -Script 'param($d) Import-DmarcReport "$d/*" -Verbose' -ArgumentList $Reports
        # .eml (5) + .xml (5) + .xml.gz (5) + RFC 9990 .xml (2) + .zip (5 + 2); the TLS-RPT .json is an error.
        $r.Output | Should -HaveCount 24
        ($r.Output | Where-Object SourceEntry -eq 'example.com-receiver.example-rfc9990.xml') | Should -HaveCount 2
        ($r.Output | Where-Object SourceEntry -like '*.xml.gz') | Should -HaveCount 5
        $r.Verbose | Should -Contain "Reading $(Join-Path $Reports 'example.com-reports.zip') › example.com-google.com-rfc7489.xml."
        $r.Verbose | Should -Contain "Reading $(Join-Path $Reports 'example.com-google.com-rfc7489.xml.gz')."
        $r.Errors | Get-ErrorId | Should -Be 'DmarcReportUnreadable'
        $r.Errors[0].Exception.Message | Should -Match 'example\.com-tlsrpt\.json: JSON, not XML.*Import-TlsRptReport'
        $r.Progress | Where-Object { $_.CurrentOperation -like '*example.com-reports.zip' } | Should -Not -BeNullOrEmpty
    }

    It 'takes file objects from Get-ChildItem by PSPath, and -LiteralPath' {
        $rows = Get-ChildItem $Reports -Filter '*.xml*' | Import-DmarcReport
        $rows | Should -HaveCount 12
        $literal = Import-DmarcReport -LiteralPath (Join-Path $Reports 'example.com-google.com-report.eml')
        $literal | Should -HaveCount 5
        $literal[0].SourceEntry | Should -Be 'google.com!example.com!1793491200!1793577599.xml.gz'
    }

    It 'rows bind to Test-SpfHost: SourceIP to -IPAddress, EnvelopeFrom to -Sender' {
        $checks = Import-DmarcReport (Join-Path $Reports 'example.com-google.com-rfc7489.xml') | Test-SpfHost -ZoneFile $Zone, $SesZone
        $checks | Should -HaveCount 5
        $checks.IPAddress.IPAddressToString | Should -Be '192.0.2.10', '2001:db8:1::25', '198.51.100.37', '203.0.113.77', '203.0.113.200'
        $checks.Domain | Should -Be 'example.com', 'example.com', 'amazonses.com', 'example.com', 'example.com'
        $checks.Result | Should -Be Pass, Pass, Pass, SoftFail, SoftFail
    }

    It 'feeds the DKIM selectors seen in reports to Get-DkimRecord (DkimResults bind by Domain and Selector)' {
        $keys = Import-DmarcReport (Join-Path $Reports '*.xml') | ForEach-Object DkimResults | Where-Object Domain -eq 'example.com' |
            Sort-Object Domain, Selector -Unique | Get-DkimRecord -ZoneFile $Zone
        $keys.Selector | Should -Be 'a2hipgad57lm4mi2yhz2nartbnlzgcjn', 'selector1'
        $keys.Guessed | Should -Be $false, $false
        $keys[0].Findings.Code | Should -Contain 'DKIM_TXT_INSTEAD_OF_CNAME'
    }

    It 'writes a non-terminating DmarcReportUnreadable naming each hostile file, and goes on with the next' {
        $files = @(
            (Join-Path $Hostile 'billion-laughs.xml'), (Join-Path $Hostile 'external-entity.xml'),
            (Join-Path $Hostile 'wrong-root.xml'), (Join-Path $Hostile 'deep-50-levels.xml'),
            (Join-Path $Reports 'example.com-receiver.example-rfc9990.xml'))
        $r = Invoke-InRunspace -Script 'param($f) Import-DmarcReport -LiteralPath $f' -ArgumentList (, $files)
        $r.Errors | Get-ErrorId | Select-Object -Unique | Should -Be 'DmarcReportUnreadable'
        $r.Errors | Should -HaveCount 4
        $r.Errors[0].Exception.Message | Should -Match 'billion-laughs\.xml.*DTD'
        $r.Errors[1].Exception.Message | Should -Match 'external-entity\.xml.*DTD'
        $r.Errors[1].Exception.Message | Should -Not -Match 'root:'
        $r.Errors[2].Exception.Message | Should -Match 'wrong-root\.xml.*<feedbackreport>, not <feedback>'
        $r.Errors[3].Exception.Message | Should -Match 'deep-50-levels\.xml.*nested deeper'
        $r.Errors[0].TargetObject | Should -Be $files[0]
        # The row before the deep element stays written; the good report after the bad ones is read.
        $r.Output.OrgName | Should -Be 'deep.example', 'Receiver Example', 'Receiver Example'
    }

    It 'refuses a gzip bomb and a truncated gzip with a clear error' {
        $bomb = Join-Path $Scratch 'bomb.xml.gz'
        $fs = [IO.File]::Create($bomb)
        $gz = [IO.Compression.GZipStream]::new($fs, [IO.Compression.CompressionLevel]::Optimal)
        $chunk = [byte[]]::new(1MB); [Array]::Fill($chunk, [byte][char]' ')
        [Text.Encoding]::ASCII.GetBytes('<feedback>').CopyTo($chunk, 0)
        $gz.Write($chunk, 0, $chunk.Length)
        [Array]::Fill($chunk, [byte][char]' ')
        for ($i = 1; $i -lt 32; $i++) { $gz.Write($chunk, 0, $chunk.Length) }
        $gz.Dispose(); $fs.Dispose()
        $gzBytes = [IO.File]::ReadAllBytes((Join-Path $Reports 'example.com-google.com-rfc7489.xml.gz'))
        $cut = Join-Path $Scratch 'cut.xml.gz'
        [IO.File]::WriteAllBytes($cut, $gzBytes[0..($gzBytes.Length - 5)])

        $r = Invoke-InRunspace -Script 'param($a, $b) Import-DmarcReport -LiteralPath $a, $b' -ArgumentList $bomb, $cut
        $r.Errors | Get-ErrorId | Should -Be 'DmarcReportUnreadable', 'DmarcReportUnreadable'
        $r.Errors[0].Exception.Message | Should -Match 'bomb\.xml\.gz.*decompression bomb'
        $r.Errors[1].Exception.Message | Should -Match 'cut\.xml\.gz.*truncated or damaged'
    }

    It 'reads a gzip file of two members (cat a.gz b.gz, RFC 1952 §2.2) as the plain report' {
        $xml = [IO.File]::ReadAllBytes((Join-Path $Reports 'example.com-google.com-rfc7489.xml'))
        $half = [int]($xml.Length / 2)
        $members = foreach ($piece in @($xml[0..($half - 1)]), @($xml[$half..($xml.Length - 1)])) {
            $ms = [IO.MemoryStream]::new()
            $gz = [IO.Compression.GZipStream]::new($ms, [IO.Compression.CompressionLevel]::Optimal)
            $gz.Write([byte[]]$piece, 0, $piece.Length); $gz.Dispose()
            , $ms.ToArray()
        }
        $two = Join-Path $Scratch 'two-members.xml.gz'
        [IO.File]::WriteAllBytes($two, [byte[]]($members[0] + $members[1]))
        $rows = Import-DmarcReport -LiteralPath $two -ErrorAction Stop
        $plain = Import-DmarcReport -LiteralPath (Join-Path $Reports 'example.com-google.com-rfc7489.xml')
        $rows | Should -HaveCount 5
        $json = { param($r) $r | Select-Object * -ExcludeProperty SourceFile, SourceEntry | ConvertTo-Json -Depth 6 -Compress -WarningAction Ignore }
        (& $json $rows) | Should -BeExactly (& $json $plain)
    }

    It 'caps the decompressed size with -MaxReportSizeMB' {
        $big = Join-Path $Scratch 'big.xml'
        $rows = '<record><row><source_ip>192.0.2.1</source_ip><count>1</count></row><identifiers><header_from>example.com</header_from></identifiers></record>' * 12000
        Set-Content -LiteralPath $big -Value "<feedback><report_metadata><org_name>x</org_name><report_id>1</report_id></report_metadata><policy_published><domain>example.com</domain><p>none</p></policy_published>$rows</feedback>"
        $r = Invoke-InRunspace -Script 'param($f) Import-DmarcReport -LiteralPath $f -MaxReportSizeMB 1' -ArgumentList $big
        $r.Errors | Get-ErrorId | Should -Be 'DmarcReportUnreadable'
        $r.Errors[0].Exception.Message | Should -Match 'more than 1,048,576 bytes'
        # Rows read before the cap stay written.
        $r.Output.Count | Should -BeGreaterThan 1000
    }

    It 'warns about a skipped row and keeps the others' {
        $odd = Join-Path $Scratch 'odd.xml'
        Set-Content -LiteralPath $odd -Value '<feedback><report_metadata><org_name>x</org_name><report_id>1</report_id></report_metadata><policy_published><domain>example.com</domain><p>none</p></policy_published><record><row><source_ip>192.0.2</source_ip><count>1</count></row></record><record><row><source_ip>192.0.2.7</source_ip><count>2</count></row><identifiers><header_from>example.com</header_from></identifiers></record></feedback>'
        $r = Invoke-InRunspace -Script 'param($f) Import-DmarcReport -LiteralPath $f' -ArgumentList $odd
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.SourceIP | Should -Be '192.0.2.7'
        $r.Warnings | Should -HaveCount 1
        $r.Warnings[0] | Should -Match "record 1: source_ip '192\.0\.2' is not an IP address; row skipped"
    }

    It 'writes PathNotFound for a path that matches nothing and PathIsFolder for a folder, and goes on' {
        $r = Invoke-InRunspace -Script 'param($d, $f) Import-DmarcReport "$d/no-such-report.xml", $d, $f; Import-DmarcReport -LiteralPath "$d/no-such-report.xml"' -ArgumentList $Scratch, (Join-Path $Reports 'example.com-receiver.example-rfc9990.xml')
        $r.Errors | Get-ErrorId | Should -Be 'PathNotFound', 'PathIsFolder', 'PathNotFound'
        $r.Output | Should -HaveCount 2
    }

    It 'has a table view' {
        $text = Import-DmarcReport (Join-Path $Reports 'example.com-google.com-rfc7489.xml') | Format-Table | Out-String -Width 200
        $text | Should -Match 'OrgName\s+HeaderFrom\s+SourceIP\s+Count\s+Disposition'
        $text | Should -Match 'Amazon SES'
    }
}
