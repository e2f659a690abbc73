using Marten;

namespace SocialGen.Api.Audit;

public static class AuditSetup
{
    public static void ConfigureAudit(this StoreOptions options) => options.Events.AddEventType<AuditTrailRead>();
}
