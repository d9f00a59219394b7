using Solidaire.Core.Staff;

namespace Solidaire.Core.Tests.Staff;

public sealed class AssignmentRequirementsTests
{
    private static readonly CoachProfile Profile = new(["fr"], Certifications.Certified, "EMCC", "Groupe de pairs", null);

    private static StaffMember Coach(CoachProfile? profile = null, string? charterSha = null, bool active = true, string[]? roles = null) =>
        new("m1", "coach@example.org", "Claire", roles ?? [StaffRoles.Coach], active, 0, profile, charterSha, null, DateTimeOffset.UnixEpoch, null, default);

    [Fact]
    public void CoachWithProfileAndTheCharterInForceSigned_LacksNothing()
    {
        Assert.Empty(AssignmentRequirements.MissingFor(Coach(Profile, Charter.Current.Sha256), Charter.Current));
    }

    [Fact]
    public void ASignatureOfAnEarlierCharterText_MustBeRenewed()
    {
        Assert.Equal([AssignmentRequirements.CharterSignature], AssignmentRequirements.MissingFor(Coach(Profile, new string('a', 64)), Charter.Current));
    }

    [Fact]
    public void NewCoach_LacksProfileAndSignature()
    {
        Assert.Equal([AssignmentRequirements.Profile, AssignmentRequirements.CharterSignature], AssignmentRequirements.MissingFor(Coach(), Charter.Current));
    }

    [Fact]
    public void DeactivatedMemberOrCoordinatorOnly_CannotBeAssigned()
    {
        Assert.Contains(AssignmentRequirements.Active, AssignmentRequirements.MissingFor(Coach(Profile, Charter.Current.Sha256, active: false), Charter.Current));
        Assert.Contains(AssignmentRequirements.CoachRole, AssignmentRequirements.MissingFor(Coach(Profile, Charter.Current.Sha256, roles: [StaffRoles.Coordinator]), Charter.Current));
    }
}
