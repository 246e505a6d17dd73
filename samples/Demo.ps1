<#
.SYNOPSIS
    EmailAuth demo: an offline SPF, DKIM and DMARC audit of the sample zones that ship with the module,
    ending with the posture report of the sample domains (console view and one HTML page).
.DESCRIPTION
    Every command below is what you would type yourself; -ZoneFile answers every DNS query from the
    bundled example.com.zone, so nothing leaves this machine. Run it after Import-Module EmailAuth:
        & "$((Get-Module EmailAuth).ModuleBase)/Samples/Demo.ps1"
    or from a clone: dotnet pwsh ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param()

$zone = Join-Path $PSScriptRoot 'example.com.zone'
# A stand-in for amazonses.com, so SES Easy DKIM CNAMEs resolve offline.
$sesZone = Join-Path $PSScriptRoot 'amazonses.com.zone'

function Show-Step {
    <# Prints why and what, then runs it through the module's format views, as the console would. #>
    param([string] $Why, [scriptblock] $Command)
    Write-Host "# $Why" -ForegroundColor DarkGray
    Write-Host "PS> $($Command.ToString().Trim())" -ForegroundColor Cyan
    & $Command | Out-Host
}

Write-Host 'EmailAuth demo: an offline SPF, DKIM and DMARC audit of the sample zone bundled with the module.'
Write-Host "PS> `$zone = '$zone'"
Write-Host "PS> `$sesZone = '$sesZone'"
Write-Host ''

Show-Step 'Inspect a healthy domain: its record, the DNS lookups its include tree costs, and any findings.' {
    Get-SpfRecord -Domain example.com -ZoneFile $zone | Format-List
}
Show-Step 'Audit classic mistakes at once: a mistyped include, +all, too many lookups, an include loop, no record.' {
    'typo.example.com', 'open.example.com', 'toomany.example.com', 'loop.example.com', 'nospf.example.com' |
        Get-SpfRecord -ZoneFile $zone
}
Show-Step 'What must be fixed: their findings of Error severity or worse, as a CI gate would select them.' {
    'typo.example.com', 'open.example.com', 'toomany.example.com', 'loop.example.com', 'nospf.example.com' |
        Get-SpfRecord -ZoneFile $zone | ForEach-Object Findings | Where-Object Severity -GE Error
}
Show-Step 'May 198.51.100.7 send as alice@example.com? It is listed through include:_spf.example.com.' {
    Test-SpfHost -IPAddress 198.51.100.7 -Sender alice@example.com -ZoneFile $zone
}
Show-Step 'Several senders at once, as rows from a mail log: an unlisted address meets the final ~all.' {
    @(
        [pscustomobject]@{ IPAddress = '198.51.100.7'; Sender = 'alice@example.com' }
        [pscustomobject]@{ IPAddress = '203.0.113.99'; Sender = 'alice@example.com' }
        [pscustomobject]@{ IPAddress = '203.0.113.99'; Sender = 'bob@loop.example.com' }
    ) | Test-SpfHost -ZoneFile $zone | Format-Table Result, IPAddress, Sender, MatchedTerm
}
Show-Step 'A bounce (empty MAIL FROM) from mail2.example.com is checked as postmaster@mail2.example.com (RFC 7208 §2.4).' {
    Test-SpfHost -IPAddress 203.0.113.25 -Sender '' -Helo mail2.example.com -ZoneFile $zone
}
Show-Step 'Pre-flight a record before publishing it, without any DNS query.' {
    ConvertFrom-SpfRecord -Record 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.com ?all' -Domain example.com
}
Show-Step 'DKIM keys: a 2048-bit key, the 1024-bit one it replaced, a revoked key, and two SES Easy DKIM CNAMEs (one dangles).' {
    Get-DkimRecord -Domain example.com -Selector selector1, selector2, old, 454ml6lg4tjfcz4kaedcmpb5u4mos7af, 5r2fquosbegzgsyebannd6yz2emrvftv -ZoneFile $zone, $sesZone
}
Show-Step 'DMARC: the policy that applies to each name (p, sp for subdomains, np for names that do not exist), found as receivers find it.' {
    'example.com', 'www.example.com', 'monitor.example.com', 'weak.example.com', 'broken.example.com' | Get-DmarcPolicy -ZoneFile $zone
}
Show-Step 'Why monitor.example.com protects nothing yet, and what to change.' {
    (Get-DmarcPolicy -Domain monitor.example.com -ZoneFile $zone).Findings
}

# The main job: the posture report of the sample zone's domains, graded A-F, as a table and as one HTML page.
$report = Join-Path ([IO.Path]::GetTempPath()) 'emailauth-posture.html'
Write-Host "PS> `$report = '$report'"
Show-Step 'The posture report: SPF, DKIM, DMARC, the Gmail/Yahoo bulk-sender checks and a grade per domain (audited concurrently).' {
    Test-EmailAuth -Domain example.com, shop.example.com, news.example.com, monitor.example.com, typo.example.com -ZoneFile $zone |
        Sort-Object Grade, Domain
}
Show-Step 'What to fix first: the errors of the domains that are not bulk-sender ready, with the remediation.' {
    Test-EmailAuth -Domain typo.example.com -ZoneFile $zone | ForEach-Object Findings | Where-Object Severity -GE Error |
        Format-Table Code, Remediation -Wrap
}
Show-Step 'The same reports as one self-contained HTML page (open it in a browser; nothing is loaded from the network).' {
    Test-EmailAuth -Domain example.com, shop.example.com, news.example.com, monitor.example.com, typo.example.com -ZoneFile $zone |
        Export-EmailAuthReport -Path $report -Force
}
