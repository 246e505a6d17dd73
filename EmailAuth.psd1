# Module manifest for EmailAuth. The build copies it into out/EmailAuth/<Version>/ and rewrites
# ModuleVersion from Directory.Build.props (the only place the version is set).
@{
    RootModule           = 'EmailAuth.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '9068def3-0c72-4763-b8ab-10d5fbf5925a'
    Author               = 'EmailAuth contributors'
    CompanyName          = 'EmailAuth contributors'
    Copyright            = '(c) EmailAuth contributors. MIT License.'
    Description          = 'Audit SPF, DKIM and DMARC the way a receiver evaluates them: fetch, parse and lint SPF records (RFC 7208), run check_host() for a client IP, and pre-flight records offline from zone files.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'

    # Loaded at import so the output and enum types resolve in scripts before the first cmdlet runs,
    # e.g. [EmailAuth.Core.Audit.FindingSeverity]::Error. DnsClient.dll loads as a dependency.
    RequiredAssemblies   = @('EmailAuth.Core.dll')
    FormatsToProcess     = @('EmailAuth.format.ps1xml')
    TypesToProcess       = @('EmailAuth.types.ps1xml')

    CmdletsToExport      = @('Get-SpfRecord', 'ConvertFrom-SpfRecord', 'Test-SpfHost',
                             'Get-DkimRecord', 'ConvertFrom-DkimRecord',
                             'Resolve-OrganizationalDomain', 'Get-DmarcPolicy', 'ConvertFrom-DmarcRecord',
                             'Test-SpfAlignment', 'Test-DkimAlignment', 'Test-DmarcCompliance',
                             'Get-SesIdentity', 'Get-SesAccount', 'New-SesEmailIdentity', 'New-SesDomainIdentity',
                             'Get-MtaStsPolicy',
                             'Remove-SesIdentity', 'Set-SesMailFromDomain', 'Get-SesIdentityPolicy', 'Set-SesIdentityPolicy',
                             'Remove-SesIdentityPolicy',
                             'Get-BimiRecord', 'Get-TlsRptRecord', 'Get-MxRecord',
                             'Get-SesDnsRecord', 'Sync-SesDnsRecord', 'Export-SesDnsRecord',
                             'Test-EmailAuth', 'Export-EmailAuthReport',
                             'ConvertFrom-AuthenticationResult', 'Import-DmarcFailureReport',
                             'Import-DmarcReport', 'Import-TlsRptReport',
                             'Measure-DmarcReport', 'Export-DmarcReportSummary',
                             'Test-EmailMessage')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Sync-SesDnsRecords')

    PrivateData          = @{
        PSData = @{
            Tags         = @('SPF', 'DKIM', 'DMARC', 'DNS', 'Email', 'Security', 'Audit', 'RFC7208', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # MIT (LICENSE ships in the module folder). ProjectUri and LicenseUri are added when a public repository exists.
            ReleaseNotes = '0.1.0: Get-SpfRecord, ConvertFrom-SpfRecord and Test-SpfHost, with -Server/-ZoneFile/-TimeoutSec, a shared TTL cache per session, and a bundled sample zone.'
        }
    }
}
