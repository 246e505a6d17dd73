BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Samples = @('example.com', 'shop.example.com', 'news.example.com', 'monitor.example.com', 'typo.example.com')
}

Describe 'Test-EmailAuth' {
    Context 'the sample zone' {
        It 'grades the sample domains A to F' {
            $r = Test-EmailAuth -Domain $Samples -ZoneFile $Zone
            $r | Should -HaveCount 5
            $r[0] | Should -BeOfType ([EmailAuth.Core.Posture.EmailAuthReport])
            $grades = @{}; $r | ForEach-Object { $grades[$_.Domain] = "$($_.Grade)" }
            $grades['shop.example.com'] | Should -Be 'A'
            $grades['example.com'] | Should -Be 'B'
            $grades['news.example.com'] | Should -Be 'C'
            $grades['typo.example.com'] | Should -Be 'D'
            $grades['monitor.example.com'] | Should -Be 'F'
        }

        It 'carries every section, the findings with their fix, the bulk-sender checks and the records seen' {
            $r = Test-EmailAuth typo.example.com -ZoneFile $Zone
            $r.Sections.Name | Should -Be 'Spf', 'Dkim', 'Dmarc', 'Bimi', 'MtaSts', 'TlsRpt', 'Mx'
            $r.Spf.Record | Should -Be 'v=spf1 include:amazoneses.example ~all'
            $r.Dmarc.PolicyDomain | Should -Be 'example.com'
            $f = $r.Findings | Where-Object Code -EQ 'SPF_INCLUDE_NO_RECORD'
            $f.Severity | Should -Be Error
            $f.Remediation | Should -Not -BeNullOrEmpty
            $r.BulkSender.Name | Should -Be 'SpfPublished', 'DkimPublished', 'DmarcPublished', 'AlignmentAchievable'
            ($r.BulkSender | Where-Object Name -EQ DkimPublished).Passed | Should -BeFalse
            $r.BulkSenderReady | Should -BeFalse
            $r.Records.Name | Should -Contain '_dmarc.example.com'
            $r.MtaSts.TxtRecord | Should -Be 'v=STSv1; id=2026-01-01'
            $r.Findings.Code | Should -Contain 'MTASTS_TXT_INVALID'
        }

        It 'looks only at the given selectors with -Selector' {
            $r = Test-EmailAuth example.com -Selector selector1 -ZoneFile $Zone
            $r.Dkim.Selector | Should -Be 'selector1'
            $r.Dkim.Guessed | Should -BeFalse
            $r.Grade | Should -Be A
            $r.BulkSenderReady | Should -BeTrue
        }

        It 'guesses common selectors without -Selector and marks them' {
            $r = Test-EmailAuth shop.example.com -ZoneFile $Zone
            $r.Dkim.Selector | Should -Be 's1'
            $r.Dkim.Guessed | Should -BeTrue
        }

        It 'binds Domain and Name by property name, and writes InvalidDomainName for bad names' {
            $out = [pscustomobject]@{ Name = 'shop.example.com' }, [pscustomobject]@{ Domain = 'news.example.com' }, 'bad..name' |
                Test-EmailAuth -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.Domain | Sort-Object | Should -Be 'news.example.com', 'shop.example.com'
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        }

        It 'refuses a selector that is not a DNS name' {
            { Test-EmailAuth example.com -Selector 'bad..sel' -ZoneFile $Zone -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidSelector,EmailAuth.Commands.TestEmailAuthCommand'
        }

        It 'formats as a table with the grade and the key controls' {
            $text = Test-EmailAuth shop.example.com -ZoneFile $Zone | Out-String
            $text | Should -Match 'Domain\s+Grade\s+Bulk\s+SPF\s+DKIM\s+DMARC'
            $text | Should -Match 'shop\.example\.com\s+A\s+ok\s+ok\s+ok\s+p=reject'
        }
    }

    Context 'streaming and -ThrottleLimit' {
        It 'writes each report before the next input arrives when the throttle is full' {
            # With one audit at a time, the second input can only start once the first report is written:
            # a cmdlet that collected everything for EndProcessing would log all inputs first.
            $log = [System.Collections.Generic.List[string]]::new()
            & { foreach ($d in 'shop.example.com', 'news.example.com', 'typo.example.com') { $log.Add("in $d"); $d } } |
                Test-EmailAuth -ZoneFile $Zone -ThrottleLimit 1 | ForEach-Object { $log.Add("out $($_.Domain)") }
            $log | Should -Be 'in shop.example.com', 'in news.example.com', 'out shop.example.com',
                              'in typo.example.com', 'out news.example.com', 'out typo.example.com'
        }

        It 'rejects a ThrottleLimit of 0' {
            { Test-EmailAuth example.com -ZoneFile $Zone -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EmailAuth.Commands.TestEmailAuthCommand'
        }
    }

    Context 'Ctrl+C' {
        It 'stops promptly (StopProcessing) while every lookup waits on a silent server' {
            $silent = Start-SilentDnsServer
            $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
            $iss.ImportPSModule($ModuleManifest)
            $ps = [powershell]::Create($iss)
            try {
                $null = $ps.AddScript("Test-EmailAuth a.example, b.example, c.example -Server $($silent.Address) -TimeoutSec 60 -Selector s1")
                $null = $ps.BeginInvoke()
                # The lookups are under way once a query reached the silent socket (it never reads them).
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($silent.Available -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $silent.Available | Should -BeGreaterThan 0
                $stop = $ps.BeginStop($null, $null)
                # Finishing the lookups would take minutes (60 s per attempt, retried): only the stop can end this wait.
                $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be Stopped
            }
            finally {
                $ps.Dispose()
                $silent.Dispose()
            }
        }
    }

    Context 'progress' {
        It 'reports progress for several domains and completes it' {
            $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script @'
Test-EmailAuth example.com, shop.example.com, news.example.com -ZoneFile $zone
'@
            $r.Output | Should -HaveCount 3
            $processing = $r.Progress | Where-Object { $_.Activity -eq 'Test-EmailAuth' -and $_.RecordType -eq 'Processing' }
            $processing | Should -HaveCount 3
            $processing.CurrentOperation | Sort-Object | Should -Be 'example.com', 'news.example.com', 'shop.example.com'
            $r.Progress[-1].RecordType | Should -Be Completed
            $r.Progress[-1].StatusDescription | Should -Be '3 of 3 domain(s) done'
        }

        It 'writes no progress for a single domain' {
            (Invoke-InRunspace -Variable @{ zone = $Zone } -Script 'Test-EmailAuth example.com -ZoneFile $zone').Progress | Should -BeNullOrEmpty
        }
    }

    Context 'verbose and progress preferences (asked once per command)' {
        It 'names each audit with -Verbose or $VerbosePreference, and not with -Verbose:$false' {
            $on = Invoke-InRunspace -Variable @{ zone = $Zone } -Script 'Test-EmailAuth example.com, shop.example.com -ZoneFile $zone -Verbose'
            ($on.Verbose -like 'Auditing *') | Should -HaveCount 2
            ($on.Verbose -like 'Auditing example.com (TreeWalk) using zone file(s) *example.com.zone.') | Should -HaveCount 1
            $pref = Invoke-InRunspace -Variable @{ zone = $Zone } -Script '$VerbosePreference = "Continue"; Test-EmailAuth example.com -ZoneFile $zone'
            ($pref.Verbose -like 'Auditing example.com *') | Should -HaveCount 1
            $off = Invoke-InRunspace -Variable @{ zone = $Zone } -Script '$VerbosePreference = "Continue"; Test-EmailAuth example.com -ZoneFile $zone -Verbose:$false'
            ($off.Verbose -like 'Auditing *') | Should -BeNullOrEmpty
            (Invoke-InRunspace -Variable @{ zone = $Zone } -Script 'Test-EmailAuth example.com -ZoneFile $zone').Verbose -like 'Auditing *' | Should -BeNullOrEmpty
        }

        It 'writes no progress with $ProgressPreference SilentlyContinue, yet the same reports' {
            $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script @'
$ProgressPreference = 'SilentlyContinue'
Test-EmailAuth example.com, shop.example.com, news.example.com -ZoneFile $zone
'@
            $r.Progress | Should -BeNullOrEmpty
            $r.Output.Domain | Sort-Object | Should -Be 'example.com', 'news.example.com', 'shop.example.com'
        }

        It 'uses -Selector for every piped domain, and a piped Selector property where one is bound' {
            $given = 'example.com', 'shop.example.com' | Test-EmailAuth -Selector s1 -ZoneFile $Zone -ThrottleLimit 1
            $given.Dkim.Selector | Should -Be 's1', 's1'
            $given.Dkim.Guessed | Should -Be $false, $false
            $piped = [pscustomobject]@{ Domain = 'example.com'; Selector = 'selector1' }, [pscustomobject]@{ Domain = 'shop.example.com' },
                     [pscustomobject]@{ Domain = 'example.com'; Selector = 'selector1' } | Test-EmailAuth -ZoneFile $Zone -ThrottleLimit 1
            $piped | Should -HaveCount 3
            $piped[0].Dkim.Selector | Should -Be 'selector1'
            $piped[0].Dkim.Guessed | Should -BeFalse
            $piped[1].Dkim.Guessed | Should -BeTrue
            $piped[2].Dkim.Selector | Should -Be 'selector1'
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll {
            # The DMARC tree walk also asks _dmarc.com: serve an empty com zone too, so only example.invalid is refused.
            $com = Join-Path $TestDrive 'com.zone'
            Set-Content -Path $com -Value "`$ORIGIN com.`n`$TTL 300`n@ IN SOA ns.com. hostmaster.com. 1 3600 600 86400 60`n@ IN NS ns.com.`nns IN A 192.0.2.1"
            $knot = Start-KnotServer -Zone @{ 'example.com' = $Zone; 'com' = $com }
        }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'grades the served domains and gives a domain whose lookups fail its own TempError report' {
            # knotd refuses names outside its zone (REFUSED): a DNS failure for that domain only.
            $r = Invoke-InRunspace -Variable @{ server = $knot.Address } -Script @'
Test-EmailAuth shop.example.com, example.invalid, news.example.com -Server $server -Selector s1
'@
            $r.Errors | Should -BeNullOrEmpty
            $r.Output | Should -HaveCount 3
            $byName = @{}; $r.Output | ForEach-Object { $byName[$_.Domain] = $_ }
            $byName['shop.example.com'].Grade | Should -Be A
            $byName['news.example.com'].Grade | Should -Be C
            $failed = $byName['example.invalid']
            $failed.Grade | Should -Be TempError
            $failed.Findings.Code | Should -Contain 'POSTURE_TEMPERROR'
            ($failed.Findings | Where-Object Code -EQ 'POSTURE_TEMPERROR')[0].Message | Should -Match 'Refused'
            $r.Warnings | Should -HaveCount 1
            $r.Warnings[0] | Should -Match 'example\.invalid.*TempError'
        }

        It 'times out against a silent server as TempError, not as missing records' {
            $silent = Start-SilentDnsServer
            try {
                $r = Test-EmailAuth example.com -Server $silent.Address -TimeoutSec 1 -Selector s1 -WarningAction SilentlyContinue
                $r.Grade | Should -Be TempError
                $r.Findings.Code | Should -Contain 'POSTURE_TEMPERROR'
            }
            finally { $silent.Dispose() }
        }
    }
}

Describe 'Get-SesIdentity | Test-EmailAuth' {
    BeforeAll {
        $aws = Start-AwsEmulator
        $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
        $null = Invoke-AwsEmulatorControl $aws reset
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1'; VerificationStatus = 'SUCCESS' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'user@shop.example.com'; Region = 'us-east-1'; DkimStatus = 'NOT_STARTED' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'typo.example.com'; Region = 'us-east-1'; VerificationStatus = 'FAILED'; DkimStatus = 'FAILED' }
    }
    AfterAll { Stop-AwsEmulator $aws }

    It 'binds the SesIdentity objects (not just their Domain) and adds the SES checks to each report' {
        $ids = @(Get-SesIdentity @A -Region us-east-1)
        $reports = $ids | Test-EmailAuth -ZoneFile $Zone
        $reports | Should -HaveCount 3
        $byIdentity = @{}; $reports | ForEach-Object { $byIdentity[$_.Identity] = $_ }
        ($byIdentity.Keys | Sort-Object) -join ',' | Should -Be 'example.com,typo.example.com,user@shop.example.com'
        $byIdentity['user@shop.example.com'].Domain | Should -Be 'shop.example.com'
        $byIdentity['user@shop.example.com'].SesIdentity | Should -BeOfType ([EmailAuth.Core.Aws.Ses.SesIdentity])
        $byIdentity['user@shop.example.com'].Sections.Name | Should -Contain 'Ses'
        # The address is covered by the verified example.com identity of the same listing (relaxed alignment) ...
        $byIdentity['user@shop.example.com'].Findings.Code | Should -Not -Contain 'SES_EMAIL_IDENTITY_NO_DKIM_DOMAIN'
        # ... and not when it comes alone: SES would sign as amazonses.com, and DMARC fails.
        $alone = $ids | Where-Object Identity -EQ 'user@shop.example.com' | Test-EmailAuth -ZoneFile $Zone
        $alone.Findings.Code | Should -Contain 'SES_EMAIL_IDENTITY_NO_DKIM_DOMAIN'
        $byIdentity['typo.example.com'].Findings.Code | Should -Contain 'SES_IDENTITY_NOT_VERIFIED'
        # Easy DKIM tokens are the selectors looked up, not the guessed list; the sample zone has no CNAMEs for them.
        $com = $byIdentity['example.com']
        @($com.Dkim).Count | Should -Be 3
        $com.Findings.Code | Should -Contain 'SES_DKIM_CNAME_MISSING'
    }

    It 'still takes plain domain names, which have no SES section' {
        $r = Test-EmailAuth shop.example.com -ZoneFile $Zone
        $r.Sections.Name | Should -Not -Contain 'Ses'
        $r.SesIdentity | Should -BeNullOrEmpty
    }
}
