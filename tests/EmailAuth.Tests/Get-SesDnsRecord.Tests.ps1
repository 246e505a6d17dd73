# Get-SesDnsRecord: identities read from the AWS emulator (two accounts, two regions), DMARC looked up in zone files.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $B = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountB.Credential }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'shop.example'; Region = 'us-east-1'; MailFromDomain = 'mail-use1.shop.example' }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'shop.example'; Region = 'eu-west-1'; MailFromDomain = 'mail-euw1.shop.example' }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'shop.example'; Region = 'us-east-1' }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'user@shop.example'; Region = 'us-east-1' }
    # A zone for DMARC discovery: shop.example has no policy; policy.example has one.
    $dmarcZone = Join-Path $TestDrive 'dmarc.zone'
    Set-Content -Path $dmarcZone -Value @'
$ORIGIN example.
$TTL 300
@             IN SOA ns.example. hostmaster.example. 1 7200 900 1209600 300
@             IN NS  ns.example.
shop          IN A   192.0.2.1
policy        IN A   192.0.2.2
_dmarc.policy IN TXT "v=DMARC1; p=reject"
'@
    $ids = @(Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity shop.example) + @(Get-SesIdentity @B -Region us-east-1 -Identity shop.example)
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Get-SesDnsRecord' {
    It 'merges one domain in two accounts and two regions: 3 DKIM CNAMEs per identity, MAIL FROM per region, one DMARC record' {
        $records = $ids | Get-SesDnsRecord -ZoneFile $dmarcZone -DmarcReportAddress dmarc@shop.example
        $records | Should -BeOfType ([EmailAuth.Core.Aws.DnsPlan.SesDnsRecord])
        $cnames = @($records | Where-Object Purpose -eq DkimCname)
        $cnames.Count | Should -Be 9
        $tokens = $ids.Dkim.Tokens
        foreach ($t in $tokens) {
            $r = $cnames | Where-Object Name -eq "$t._domainkey.shop.example."
            $r.Values | Should -Be "$t.dkim.amazonses.com."
        }
        ($records | Where-Object { $_.Purpose -eq 'MailFromMx' -and $_.Name -eq 'mail-euw1.shop.example.' }).Values | Should -Be '10 feedback-smtp.eu-west-1.amazonses.com.'
        @($records | Where-Object Purpose -eq MailFromSpf).Count | Should -Be 2
        $dmarc = @($records | Where-Object Purpose -eq Dmarc)
        $dmarc.Count | Should -Be 1
        $dmarc[0].Values | Should -Be '"v=DMARC1; p=none; rua=mailto:dmarc@shop.example"'
        ($dmarc[0].Accounts | Sort-Object) -join ',' | Should -Be "$($aws.AccountA.Id),$($aws.AccountB.Id)"
    }

    It 'plans no DMARC record where discovery finds a policy, and follows -DmarcPolicy otherwise' {
        $id = [EmailAuth.Core.Aws.Ses.SesIdentity]@{ Identity = 'policy.example'; IdentityType = 'DOMAIN'; Domain = 'policy.example'; Account = '1'; Region = 'us-east-1' }
        @($id | Get-SesDnsRecord -ZoneFile $dmarcZone | Where-Object Purpose -eq Dmarc).Count | Should -Be 0
        ($ids[0] | Get-SesDnsRecord -ZoneFile $dmarcZone -DmarcPolicy Reject | Where-Object Purpose -eq Dmarc).Text | Should -Be 'v=DMARC1; p=reject'
        @($ids[0] | Get-SesDnsRecord -NoDmarc | Where-Object Purpose -eq Dmarc).Count | Should -Be 0
    }

    It 'plans the legacy _amazonses TXT from a VerificationToken property' {
        $copy = [EmailAuth.Core.Aws.Ses.SesIdentity]@{ Identity = 'shop.example'; IdentityType = 'DOMAIN'; Domain = 'shop.example'; Account = '1'; Region = 'us-east-1' }
        $withToken = $copy | Add-Member -NotePropertyName VerificationToken -NotePropertyValue 'LegacyToken123=' -PassThru
        $r = $withToken | Get-SesDnsRecord -NoDmarc | Where-Object Purpose -eq Verification
        $r.Name | Should -Be '_amazonses.shop.example.'
        $r.Values | Should -Be '"LegacyToken123="'
    }

    It 'warns that an email-address identity needs no records' {
        $r = Invoke-InRunspace -Variable @{ A = $A } -Script 'Get-SesIdentity @A -Region us-east-1 -Identity user@shop.example | Get-SesDnsRecord -NoDmarc'
        $r.Output | Should -BeNullOrEmpty
        $r.Warnings | Should -Match 'email-address identity'
        $r.Errors | Should -BeNullOrEmpty
    }

    It 'refuses a malformed -DmarcReportAddress with a clear error' {
        { $ids[0] | Get-SesDnsRecord -NoDmarc -DmarcReportAddress 'a@b;p=reject' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDmarcReportAddress*'
    }
}
