# Sync-SesDnsRecord against the AWS emulator: Route 53 zones in accounts A and B, SES identities in two regions.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    # DMARC discovery answers from this zone: no policy anywhere, so a DMARC record is planned.
    $dmarcZone = Join-Path $TestDrive 'none.zone'
    Set-Content -Path $dmarcZone -Value "`$ORIGIN example.`n@ IN SOA ns.example. h.example. 1 7200 900 1209600 300`n@ IN NS ns.example.`n"

    function Initialize-Aws {
        $null = Invoke-AwsEmulatorControl $aws reset
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'shop.example'; Region = 'us-east-1'; MailFromDomain = 'mail-use1.shop.example' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'shop.example'; Region = 'eu-west-1'; MailFromDomain = 'mail-euw1.shop.example' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'blog.example'; Region = 'us-east-1' }
    }
    function Get-Records([string[]] $Identity = 'shop.example', [string[]] $Region = @('us-east-1', 'eu-west-1')) {
        Get-SesIdentity @A -Region $Region -Identity $Identity -ErrorAction SilentlyContinue | Get-SesDnsRecord -ZoneFile $dmarcZone
    }
    function Get-Zone([string] $Id, [string] $Account = 'A') {
        (Invoke-AwsEmulatorControl $aws dump-zone @{ Account = $Account; ZoneId = $Id }).Records
    }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Sync-SesDnsRecord' {
    BeforeEach { Initialize-Aws }

    It 'creates every record of two regions in the zone found by longest match, then a second run changes nothing' {
        $parent = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'example' }).Id
        $zone = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }).Id
        $null = Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example'; Private = $true }
        $records = Get-Records
        $changes = $records | Sync-SesDnsRecord @A -Region us-east-1
        $changes | Should -BeOfType ([EmailAuth.Core.Aws.DnsPlan.DnsRecordChange])
        @($changes | Where-Object Action -eq Create).Count | Should -Be 11   # 6 CNAMEs, 2 MX, 2 SPF, 1 DMARC
        $changes | ForEach-Object { $_.HostedZoneId | Should -Be $zone; $_.ChangeId | Should -Not -BeNullOrEmpty; $_.Status | Should -Be 'PENDING' }
        $dump = Get-Zone $zone
        @($dump | Where-Object { $_ -match '^\S+\._domainkey\.shop\.example\. CNAME 1800 \S+\.dkim\.amazonses\.com\.$' }).Count | Should -Be 6
        $dump | Should -Contain 'mail-euw1.shop.example. MX 1800 10 feedback-smtp.eu-west-1.amazonses.com.'
        $dump | Should -Contain 'mail-use1.shop.example. TXT 1800 "v=spf1 include:amazonses.com ~all"'
        $dump | Should -Contain '_dmarc.shop.example. TXT 1800 "v=DMARC1; p=none"'
        @(Get-Zone $parent).Count | Should -Be 2   # SOA and NS only

        $again = Get-Records | Sync-SesDnsRecord @A
        @($again | Where-Object Action -ne NoChange) | Should -BeNullOrEmpty
        Get-Zone $zone | Should -Be $dump
    }

    It 'writes nothing with -WhatIf' {
        $zone = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }).Id
        $before = Get-Zone $zone
        $r = Invoke-InRunspace -Variable @{ A = $A; records = @(Get-Records) } -Script '$records | Sync-SesDnsRecord @A -Region us-east-1 -WhatIf'
        $r.Errors | Should -BeNullOrEmpty
        Get-Zone $zone | Should -Be $before
    }

    It 'keeps a foreign TXT value and merges SES into an existing SPF record' {
        $zone = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }).Id
        $null = Invoke-AwsEmulatorControl $aws record-set @{ ZoneId = $zone; Name = '_amazonses.shop.example.'; Type = 'TXT'; Ttl = 600; Values = @('"tokenFromAccountB"') }
        $null = Invoke-AwsEmulatorControl $aws record-set @{ ZoneId = $zone; Name = 'mail-use1.shop.example.'; Type = 'TXT'; Values = @('"v=spf1 ip4:192.0.2.0/24 -all"', '"site-verification=abc"') }
        $id = Get-SesIdentity @A -Region us-east-1 -Identity shop.example | Add-Member -NotePropertyName VerificationToken -NotePropertyValue 'tokenFromAccountA' -PassThru
        $changes = $id | Get-SesDnsRecord -NoDmarc | Sync-SesDnsRecord @A
        ($changes | Where-Object Name -eq '_amazonses.shop.example.').Action | Should -Be 'Upsert'
        $dump = Get-Zone $zone
        $dump | Should -Contain '_amazonses.shop.example. TXT 600 "tokenFromAccountB"|"tokenFromAccountA"'
        $dump | Should -Contain 'mail-use1.shop.example. TXT 300 "v=spf1 ip4:192.0.2.0/24 include:amazonses.com -all"|"site-verification=abc"'
    }

    It 'refuses a CNAME pointing elsewhere as a non-terminating error and still syncs the other zone' {
        $shop = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }).Id
        $blog = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'blog.example' }).Id
        $records = @(Get-Records -Identity shop.example -Region us-east-1) + @(Get-Records -Identity blog.example -Region us-east-1)
        $cname = $records | Where-Object { $_.Purpose -eq 'DkimCname' -and $_.Domain -eq 'shop.example' } | Select-Object -First 1
        $null = Invoke-AwsEmulatorControl $aws record-set @{ ZoneId = $shop; Name = $cname.Name; Type = 'CNAME'; Values = @('somewhere.else.example.') }
        $r = Invoke-InRunspace -Variable @{ A = $A; records = $records } -Script '$records | Sync-SesDnsRecord @A'
        @($r.Errors).Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'SesDnsCnameConflict,*'
        $r.Errors[0].Exception.Message | Should -Match 'somewhere\.else\.example'
        ($r.Output | Where-Object Name -eq $cname.Name).Action | Should -Be 'Skipped'
        Get-Zone $shop | Should -Contain "$($cname.Name) CNAME 300 somewhere.else.example."
        @(Get-Zone $blog | Where-Object { $_ -match '_domainkey\.blog\.example\. CNAME' }).Count | Should -Be 3
        @(Get-Zone $shop | Where-Object { $_ -match '_domainkey\.shop\.example\. CNAME 1800' }).Count | Should -Be 2
    }

    It 'writes into account B''s zone through -DnsRoleArn (STS AssumeRole)' {
        $zoneB = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Account = 'B'; Name = 'shop.example' }).Id
        $changes = Get-Records -Region us-east-1 | Sync-SesDnsRecord @A -DnsRoleArn $aws.RoleArn -DnsExternalId $aws.ExternalId -Wait
        $changes | ForEach-Object { $_.HostedZoneId | Should -Be $zoneB; $_.Status | Should -Be 'INSYNC' }
        @(Get-Zone $zoneB -Account B | Where-Object { $_ -match '_domainkey' }).Count | Should -Be 3
    }

    It 'reports a record no zone holds as SesDnsNoHostedZone' {
        $r = Invoke-InRunspace -Variable @{ A = $A; records = @(Get-Records -Region us-east-1) } -Script '$records | Sync-SesDnsRecord @A'
        $r.Errors | Get-ErrorId | Select-Object -Unique | Should -Be 'SesDnsNoHostedZone'
        $r.Output | ForEach-Object { $_.Action | Should -Be 'Skipped' }
    }

    It 'completes while the emulator throttles every third Route 53 request' {
        $zone = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }).Id
        $records = Get-Records
        $null = Invoke-AwsEmulatorControl $aws throttle-every @{ Service = 'route53'; N = 3 }
        try {
            $r = Invoke-InRunspace -Variable @{ A = $A; records = $records } -Script '$records | Sync-SesDnsRecord @A -Wait'
        }
        finally { $null = Invoke-AwsEmulatorControl $aws throttle-every @{ Service = 'route53'; N = 0 } }
        $r.Errors | Should -BeNullOrEmpty
        @($r.Output | Where-Object Action -eq Create).Count | Should -Be 11
        @(Get-Zone $zone).Count | Should -Be 13
    }

    It 'has the alias Sync-SesDnsRecords' {
        (Get-Alias Sync-SesDnsRecords).ResolvedCommandName | Should -Be 'Sync-SesDnsRecord'
    }
}

Describe 'Get-SesIdentity | Sync-SesDnsRecord (identities planned as Get-SesDnsRecord plans them)' {
    BeforeEach { Initialize-Aws }

    It 'writes nothing with -WhatIf, then syncs two regions merged, then a re-run changes nothing' {
        $zone = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }).Id
        $before = Get-Zone $zone
        $r = Invoke-InRunspace -Variable @{ A = $A; zoneFile = $dmarcZone } -Script @'
Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity shop.example | Sync-SesDnsRecord @A -ZoneFile $zoneFile -WhatIf
'@
        $r.Errors | Should -BeNullOrEmpty
        Get-Zone $zone | Should -Be $before

        $changes = Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity shop.example | Sync-SesDnsRecord @A -ZoneFile $dmarcZone
        $changes | Should -BeOfType ([EmailAuth.Core.Aws.DnsPlan.DnsRecordChange])
        @($changes | Where-Object Action -eq Create).Count | Should -Be 11   # 6 CNAMEs of two regions, 2 MX, 2 SPF, 1 DMARC
        $dump = Get-Zone $zone
        @($dump | Where-Object { $_ -match '^\S+\._domainkey\.shop\.example\. CNAME 1800 \S+\.dkim\.amazonses\.com\.$' }).Count | Should -Be 6
        $dump | Should -Contain 'mail-use1.shop.example. MX 1800 10 feedback-smtp.us-east-1.amazonses.com.'
        $dump | Should -Contain 'mail-euw1.shop.example. MX 1800 10 feedback-smtp.eu-west-1.amazonses.com.'
        $dump | Should -Contain '_dmarc.shop.example. TXT 1800 "v=DMARC1; p=none"'
        # The same records Get-SesDnsRecord plans: its output piped in now changes nothing either.
        @(Get-Records | Sync-SesDnsRecord @A | Where-Object Action -ne NoChange) | Should -BeNullOrEmpty

        $again = Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity shop.example | Sync-SesDnsRecord @A -ZoneFile $dmarcZone
        @($again).Count | Should -Be 11
        @($again | Where-Object Action -ne NoChange) | Should -BeNullOrEmpty
        Get-Zone $zone | Should -Be $dump
    }

    It 'takes Get-SesDnsRecord''s planning parameters (-DmarcPolicy, -DmarcReportAddress, -Ttl, -NoDmarc)' {
        $zone = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }).Id
        $null = Get-SesIdentity @A -Region us-east-1 -Identity shop.example |
            Sync-SesDnsRecord @A -ZoneFile $dmarcZone -DmarcPolicy Reject -DmarcReportAddress dmarc@shop.example -Ttl 600
        $dump = Get-Zone $zone
        $dump | Should -Contain '_dmarc.shop.example. TXT 600 "v=DMARC1; p=reject; rua=mailto:dmarc@shop.example"'
        $blog = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'blog.example' }).Id
        $changes = Get-SesIdentity @A -Region us-east-1 -Identity blog.example | Sync-SesDnsRecord @A -NoDmarc
        @($changes).Count | Should -Be 3
        Get-Zone $blog | Should -Not -Match '_dmarc'
    }

    It 'refuses planning parameters with piped records and a malformed -DmarcReportAddress' {
        $null = Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'shop.example' }
        $records = @(Get-Records -Region us-east-1)
        { $records | Sync-SesDnsRecord @A -DmarcPolicy Reject -ErrorAction Stop } | Should -Throw -ErrorId 'SesDnsPlanParameterWithRecords*'
        { Get-SesIdentity @A -Region us-east-1 -Identity shop.example | Sync-SesDnsRecord @A -DmarcReportAddress 'a@b;p=reject' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidDmarcReportAddress*'
    }

    It 'assumes -DnsRoleArn with the base credentials, not through -RoleArn''s session' {
        # B's role trusts account A only: A (the base credentials) may assume it, a session of that role in B may not.
        # Chaining -DnsRoleArn through -RoleArn would be refused with AccessDenied.
        $zoneB = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Account = 'B'; Name = 'shop.example' }).Id
        $r = Invoke-InRunspace -Variable @{ A = $A; aws = $aws; zoneFile = $dmarcZone } -Script @'
Get-SesIdentity @A -Region us-east-1 -Identity shop.example |
    Sync-SesDnsRecord @A -RoleArn $aws.RoleArn -ExternalId $aws.ExternalId -DnsRoleArn $aws.RoleArn -DnsExternalId $aws.ExternalId -ZoneFile $zoneFile -Verbose
'@
        $r.Errors | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        $r.Verbose | Should -Contain '-DnsRoleArn is assumed with the base credentials (-Credential), not through -RoleArn.'
        $r.Output | ForEach-Object { $_.HostedZoneId | Should -Be $zoneB }
        @(Get-Zone $zoneB -Account B | Where-Object { $_ -match '_domainkey' }).Count | Should -Be 3
    }

    It 'calls Route 53 as -RoleArn when no -DnsRoleArn is given' {
        $zoneB = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Account = 'B'; Name = 'shop.example' }).Id
        $changes = Get-SesIdentity @A -Region us-east-1 -Identity shop.example |
            Sync-SesDnsRecord @A -RoleArn $aws.RoleArn -ExternalId $aws.ExternalId -NoDmarc
        $changes | ForEach-Object { $_.HostedZoneId | Should -Be $zoneB; $_.Action | Should -Be 'Create' }
    }
}
