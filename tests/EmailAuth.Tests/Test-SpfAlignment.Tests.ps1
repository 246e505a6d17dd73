BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $AlignmentZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'alignment' 'test.zone'
}

Describe 'Test-SpfAlignment' {
    It 'aligns the custom MAIL FROM subdomain of the sample zone (relaxed, the default of example.com)' {
        $r = Test-SpfAlignment -FromDomain example.com -MailFromDomain bounce.example.com -ZoneFile $Zone
        $r | Should -BeOfType ([EmailAuth.Core.Alignment.AlignmentResult])
        $r.Aligned | Should -BeTrue
        $r.Mode | Should -Be Relaxed
        $r.ModeSource | Should -Be 'aspf=r (default) at _dmarc.example.com'
        $r.Identifier | Should -Be Spf
    }

    It 'never aligns Amazon SES''s default MAIL FROM domain' {
        $r = Test-SpfAlignment example.com 0100018f.us-east-1.amazonses.com -ZoneFile $Zone
        $r.Aligned | Should -BeFalse
        $r.Reason | Should -Be "The MAIL FROM domain 0100018f.us-east-1.amazonses.com (Organizational Domain 0100018f.us-east-1.amazonses.com) is not under the From domain's Organizational Domain example.com: not aligned."
    }

    It 'uses the published aspf=s without -Mode, and -Mode overrides it' {
        $r = Test-SpfAlignment strict.test mail.strict.test -ZoneFile $AlignmentZone
        $r.Mode | Should -Be Strict
        $r.Aligned | Should -BeFalse
        $r.Reason | Should -BeLike '*relaxed alignment would pass.'
        (Test-SpfAlignment strict.test mail.strict.test -Mode Relaxed -ZoneFile $AlignmentZone).Aligned | Should -BeTrue
    }

    It 'ignores case, a trailing dot and the local part of addresses with -Mode Strict' {
        $r = Test-SpfAlignment -FromDomain 'Example.COM.' -MailFromDomain 'bounce@example.com' -Mode Strict -ZoneFile $Zone
        $r.Aligned | Should -BeTrue
        $r.AuthenticatedDomain | Should -Be 'example.com'
    }

    It 'binds FromDomain and Sender (a Test-SpfHost result) by property name' {
        $r = Test-SpfHost -IPAddress 192.0.2.25 -Sender bounce@mail.example.com -ZoneFile $Zone |
            Select-Object Sender, @{ n = 'HeaderFrom'; e = { 'www.example.com' } } |
            Test-SpfAlignment -ZoneFile $Zone
        $r.FromDomain | Should -Be 'www.example.com'
        $r.AuthenticatedDomain | Should -Be 'mail.example.com'
        $r.Aligned | Should -BeTrue
    }

    It 'uses the Public Suffix List with -Method PublicSuffixList' {
        (Test-SpfAlignment alice.github.io bob.github.io -Method PublicSuffixList -Mode Relaxed -ZoneFile $Zone).Aligned | Should -BeFalse
        (Test-SpfAlignment www.example.co.uk bounce.example.co.uk -Method PublicSuffixList -Mode Relaxed -ZoneFile $Zone).Aligned | Should -BeTrue
    }

    It 'writes InvalidDomainName for a bad name' {
        $out = Test-SpfAlignment example.com 'bad..name' -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
    }

    It 'shows the table view and the default display set' {
        $r = Test-SpfAlignment example.com bounce.example.com -ZoneFile $Zone
        ($r | Format-Table | Out-String -Width 80) | Should -Match 'FromDomain\s+AuthenticatedDomain\s+Mode\s+Aligned\s+Reason'
        $r.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Be FromDomain, AuthenticatedDomain, Mode, ModeSource, Aligned, Reason
    }

    It 'gives a missing zone file as ZoneFileNotFound' {
        $r = Invoke-InRunspace -Script 'Test-SpfAlignment example.com bounce.example.com -ZoneFile ./no-such.zone'
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileNotFound'
    }
}
