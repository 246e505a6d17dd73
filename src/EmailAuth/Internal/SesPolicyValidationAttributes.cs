using System.Collections;
using System.Management.Automation;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Internal
{
    /// <summary>Each value is a 12-digit AWS account id; anything else is a parameter error before anything is sent.</summary>
    internal sealed class ValidateAwsAccountIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject pso ? pso.BaseObject : element)?.ToString();
            if (SesSendingPolicyBuilder.AccountProblem(text) is string problem) throw new ValidationMetadataException(problem);
        }
    }

    /// <summary>Each value is an AWS Organizations path for aws:PrincipalOrgPaths, such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*.</summary>
    internal sealed class ValidateOrganizationPathAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject pso ? pso.BaseObject : element)?.ToString();
            if (SesSendingPolicyBuilder.OrganizationPathProblem(text) is string problem) throw new ValidationMetadataException(problem);
        }
    }

    /// <summary>A sending authorization policy SES can take: a JSON object with a Statement, at most 4 KB.</summary>
    internal sealed class ValidateSesPolicyAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = (arguments is PSObject pso ? pso.BaseObject : arguments)?.ToString();
            if (SesPolicyDocument.Problem(text) is string problem) throw new ValidationMetadataException(problem);
        }
    }
}
